"""More of the coder's register: killings by hand, bases handed over, places a verb takes,
short other names of far-off places.

Our own sentences, in the shape of misses `benchmarks/coder_notes.py` found.
"""

from __future__ import annotations

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.extract.counts import deaths_in
from sitreps.geo import Geocoder
from sitreps.model import Event


def first(text: str, published: str = "2024-02-01") -> Event:
    events = [e for e in extract(text, published=published) if e.event_type]
    assert events, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("A crowd stoned to death a man accused of theft in the market.", 1),
        ("Residents beat to death three suspected goat thieves on Sunday.", 3),
        ("Two alleged kidnappers were burnt to death by angry villagers.", 2),
        ("A mob hacked a suspected witch to death near the river.", 1),
        ("A suspected robber was lynched by traders at the bus park.", 1),
    ],
)
def test_killings_by_hand_count_their_victims(text: str, deaths: int) -> None:
    count = deaths_in(text)
    assert count is not None and (count.value, count.vague) == (deaths, False)


def test_a_death_sentence_is_no_death() -> None:
    assert deaths_in("A court sentenced the former commander to death on Monday.") is None


def test_mob_killing_in_a_note_carries_its_death() -> None:
    e = first("On 4 March 2023, a crowd stoned to death a woman accused of sorcery in Kisii.")
    assert (e.sub_event_type, e.fatalities) == ("Mob violence", 1)


def test_a_base_handed_over_is_a_transfer_to_the_receiver() -> None:
    e = first(
        "On 14 October 2023, French soldiers handed over the Ansongo camp to the Malian army."
    )
    assert e.sub_event_type == "Non-violent transfer of territory"
    assert (e.actor1 or "").startswith("Military Forces of Mali")
    assert (e.actor2 or "").startswith("Military Forces of France")


def test_suspects_handed_over_are_no_transfer_of_territory() -> None:
    events = extract(
        "Police handed over two suspects to the army in Maiduguri on 3 May 2022.",
        published="2022-05-04",
    )
    assert all(e.sub_event_type != "Non-violent transfer of territory" for e in events)


def test_a_town_a_territorial_verb_takes_is_a_place_even_when_tagged_a_person() -> None:
    e = first(
        "On 3 February 2024, the Ethiopian army recaptured Lalibela from Fano militia "
        "after heavy fighting."
    )
    assert (e.sub_event_type, e.location, e.admin1, e.geo_precision) == (
        "Government regains territory",
        "Lalibela",
        "Amhara",
        1,
    )


def test_a_short_other_name_means_its_place_only_in_capitals() -> None:
    # "BER" is Berlin's airport code; "Ber" is a town in Mali the gazetteer lacks
    gazetteer = Geocoder.from_settings(load_settings(env={})).gazetteer
    assert all(p.name != "Berlin" for p in gazetteer.lookup("Ber"))
    assert any(p.name == "Berlin" for p in gazetteer.lookup("BER"))
    assert any(p.name == "San Diego" for p in gazetteer.lookup("SAN"))
    assert all(p.name != "San Diego" for p in gazetteer.lookup("San"))


def test_a_place_spelt_otherwise_is_found_in_the_storys_country() -> None:
    # GeoNames spells them Baramula and Xarardheere
    e = first("On 3 May 2022, militants attacked a police post in Baramulla, Jammu and Kashmir.")
    assert (e.admin1, e.country, e.geo_precision) == ("Jammu and Kashmir", "India", 1)
    e = first("On 16 January 2023, Somali troops entered Harardhere (Mudug) after fighting.")
    assert (e.location, e.admin1) == ("Xarardheere", "Mudug")


def test_a_spelling_namesake_in_a_country_the_story_never_names_is_no_reading() -> None:
    gazetteer = Geocoder.from_settings(load_settings(env={})).gazetteer
    # GeoNames spells it Al Hawijah: only the looser spelling key finds it, in Iraq
    assert any(p.country_code == "IQ" for p in gazetteer.lookup_spelling("Hawija"))
    from sitreps.geo.recognize import spelt

    assert spelt(gazetteer, "Hawija", {"SY"}) == []


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # the dateline's day is the report's; the event is the Tuesday before it
        (
            "KRAMATORSK, Ukraine, Feb 14 (Reuters) - Ukrainian troops beat back a Russian "
            "assault near Chasiv Yar on Tuesday, the army said.",
            "2024-02-14",
            "2024-02-13",
        ),
        # "announced that on 21 October": the date is what was announced, not the announcing
        (
            "The mission announced that on 21 October 2023 it handed its camp at Tessalit "
            "over to the army, ahead of the end of its mandate on 31 December.",
            "2023-10-25",
            "2023-10-21",
        ),
    ],
)
def test_the_day_of_a_report_is_not_the_events(text: str, published: str, date: str) -> None:
    assert first(text, published).event_date == date


def test_the_previous_week_counts_from_the_date_told_before_it() -> None:
    events = extract(
        "Around 26 August 2020, soldiers looted shops and a clinic in Yei. Fighting with "
        "rebels had taken place in the county the previous week.",
        published="2020-09-30",
    )
    looted = [e for e in events if e.sub_event_type == "Looting/property destruction"]
    assert [e.event_date for e in looted] == ["2020-08-26"]


@pytest.mark.parametrize(
    "text",
    [
        "On 13 April 2023 the authorities decreed a general mobilisation.",
        "On 28 November 2022, the TTP called off its ceasefire with the government and told "
        "its fighters to resume attacks.",
        "On 9 March 2023, 12 rebel fighters surrendered with their rifles to the army near "
        "Davao City.",
    ],
)
def test_a_stated_turn_is_a_change_to_the_group(text: str) -> None:
    assert first(text, "2023-12-01").sub_event_type == "Change to group/activity"


@pytest.mark.parametrize(
    "text",
    [
        "On 11 August 2024, police detained the party chairman and two aides ahead of a "
        "planned rally in Mbeya.",
        "On 29 May 2017, police arrested the leader of the Rif protest movement in Al Hoceima.",
    ],
)
def test_a_protest_that_is_only_the_occasion_of_an_arrest_is_none(text: str) -> None:
    assert first(text, "2024-09-01").sub_event_type == "Arrests"


def test_tear_gas_at_a_protest_is_an_intervention_and_a_riot_met_with_fire_a_riot() -> None:
    assert (
        first("On 19 July 2023, police fired tear gas at demonstrators in Lima.").sub_event_type
        == "Protest with intervention"
    )
    e = first(
        "On 29 June 2021, protesters set fire to shops and blocked roads in Manzini; police "
        "fired live rounds."
    )
    assert e.sub_event_type == "Violent demonstration"


@pytest.mark.parametrize(
    ("text", "location", "country"),
    [
        # "Saba Saba" is a day of protest, not the Dutch island said twice
        (
            "On 7 July 2025, police fired live rounds at Saba Saba protesters in Mombasa, "
            "killing 2 young men.",
            "Mombasa",
            "Kenya",
        ),
        # a road and a market named after far-off places
        (
            "On 4 April 2024, residents of Alexandra barricaded London Road with burning tyres.",
            "Alexandra",
            "South Africa",
        ),
        (
            "On 4 May 2023, RSF fighters looted shops at Souq Libya in Omdurman (Khartoum).",
            "Omdurman",
            "Sudan",
        ),
        # a possessive holds the place: "Harare's Avondale" is no Avondale, Arizona
        (
            "On 16 June 2024, police arrested 40 activists at a home in Harare's Avondale suburb.",
            "Harare",
            "Zimbabwe",
        ),
        # a headline labelled with its place
        ("Huwara: settlers torch cars and a tyre shop on the main road", "Huwara", "Palestine"),
    ],
)
def test_the_event_place_is_the_one_the_words_mean(text: str, location: str, country: str) -> None:
    e = first(text, "2025-07-08")
    assert (e.location, e.country) == (location, country)


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        # a neighbourhood the gazetteer lacks, before a bracket of known places: no namesake
        # abroad (Kissy is also an old name of a town in South Carolina)
        (
            "On 10 August 2022, demonstrators stoned a police post in Kissy (Freetown, Western "
            "Area).",
            "Sierra Leone",
            "Western",
        ),
        # a local name said to lie in a bracketed place is read in that place's country
        (
            "On 7 June 2019, thousands rallied on Capitol Hill in Monrovia (Montserrado) over "
            "the economy.",
            "Liberia",
            "Montserrado",
        ),
        (
            "On 25 August 2023, hundreds protested in Karama square in Suwayda city (As-Sweida).",
            "Syria",
            "As-Sweida",
        ),
    ],
)
def test_a_local_name_is_read_inside_the_bracketed_place_that_holds_it(
    text: str, country: str, admin1: str
) -> None:
    e = first(text, "2023-09-01")
    assert (e.country, e.admin1) == (country, admin1)


def test_a_sentence_that_only_counts_the_dead_adds_them_to_the_event_before_it() -> None:
    events = [
        e
        for e in extract(
            "An IED planted by separatist fighters went off under an army pick-up in Ndop on "
            "6 May 2022. 2 soldiers died.",
            published="2022-05-08",
        )
        if e.event_type
    ]
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", 2)
    ]
    assert any(
        ev.field == "fatalities" and ev.text == "2 soldiers died" for ev in events[0].evidence
    )


def test_a_family_counted_by_its_members_is_no_single_death() -> None:
    count = deaths_in("Three children of one family were killed.")
    assert count is not None and count.value == 3


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On 11 August 2022, fighters set off a bomb in Maiduguri, killing 4 people.",
         "Remote explosive/landmine/IED"),
        ("Soldiers detonated a bomb found under a bridge in Mosul on 3 May 2022.",
         "Disrupted weapons use"),
        # destroyed *by* bombs: the bombs were used, not stopped
        ("On 3 May 2022, the offices of a rights group in San Miguel were destroyed by bombs.",
         "Remote explosive/landmine/IED"),
    ],
)  # fmt: skip
def test_bombs_set_off_and_bombs_stopped(text: str, sub: str) -> None:
    assert first(text, "2022-08-12").sub_event_type == sub


def test_a_region_in_an_actors_name_is_not_the_events_place() -> None:
    e = first(
        "On 3 March 2021, troops pushed Islamic State (West Africa) fighters out of Dikwa town "
        "(Dikwa, Borno)."
    )
    assert (e.location, e.admin1, e.country) == ("Dikwa", "Borno", "Nigeria")
    assert e.actor2 == "Islamic State (West Africa) - Lake Chad Faction"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On 1 August 2019, the president and the rebel leader signed a definitive cessation "
         "of hostilities in Gorongosa.", "Agreement"),
        ("On 13 March 2025, the two presidents signed a treaty on the state border in "
         "Bishkek.", "Agreement"),
        ("Federal and regional officials agreed in Kirkuk on 19 June 2021 to set up joint "
         "coordination centres.", "Agreement"),
        ("On 23 April 2023, thousands of inmates walked out of Kober prison in Khartoum.",
         "Other"),
        # the guards recapture escapees, not a town
        ("On 12 March 2021, 9 inmates broke out of the prison in Dar Naim; guards recaptured "
         "5 of them.", "Other"),
    ],
)  # fmt: skip
def test_agreements_signed_and_prisoners_freed(text: str, sub: str) -> None:
    assert first(text, "2025-03-20").sub_event_type == sub


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # Kyiv city is its own first-level division, apart from the oblast around it
        ("On 9 March 2023, Russian missiles struck Kyiv, killing 3 civilians.", "Kyiv City"),
        ("On 9 March 2023, Russian drones hit Irpin, killing 3 civilians.", "Kyiv"),
        ("On 9 March 2023, Russian forces shelled Enerhodar, killing 3 civilians.", "Zaporizhia"),
        ("On 9 March 2023, regime forces shelled Saraqib, killing 3 civilians.", "Idleb"),
    ],
)
def test_admin1_is_spelt_as_acled_writes_it(text: str, admin1: str) -> None:
    assert first(text, "2023-03-10").admin1 == admin1


@pytest.mark.parametrize(
    ("text", "published", "actor1"),
    [
        # the owner of the arms, before their model's name
        (
            "On 27 June 2023, a Russian Iskander missile hit a cafe in Kramatorsk, killing 10 "
            "people.",
            "2023-06-28",
            "Military Forces of Russia (2000-)",
        ),
        (
            "russian aviation dropped a guided bomb on Kostiantynivka on 10 June 2024, killing a "
            "civilian.",
            "2024-06-11",
            "Military Forces of Russia (2000-)",
        ),
        # "military jets" in Myanmar are the country's own military's
        (
            "On 7 January 2024, military jets bombed a village in Tamu township (Sagaing), "
            "killing 17 civilians.",
            "2024-01-08",
            "Military Forces of Myanmar (2021-)",
        ),
        # ACLED's names for Myanmar's groups, and the acronyms news uses
        (
            "On 2 April 2024, AA fighters attacked a police outpost in Ramree (Rakhine), killing "
            "8 policemen.",
            "2024-04-03",
            "AA: Arakan Army",
        ),
        (
            "On 18 September 2021, Chinland Defense Force fighters ambushed junta troops near "
            "Mindat (Chin), killing 5 soldiers.",
            "2021-09-19",
            "CDF: Chinland Defense Force",
        ),
    ],
)
def test_actor1_is_the_owner_of_the_arms_and_the_named_group(
    text: str, published: str, actor1: str
) -> None:
    assert first(text, published).actor1 == actor1


def test_bare_missiles_in_a_sentence_an_official_speaks_have_no_owner() -> None:
    e = first(
        "Ukrainian officials said missiles hit a school in Dnipro on 14 January 2023.", "2023-01-15"
    )
    assert e.actor1 is None


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # a span of days is dated by its first day, as coders date it
        (
            "On the night of 3-4 April 2024, Russian drones hit apartment blocks in Kharkiv, "
            "killing 4 civilians.",
            "2024-04-05",
            "2024-04-03",
        ),
        (
            "On the night of 30 April-1 May 2023, Russian missiles struck Pavlohrad, killing "
            "2 civilians.",
            "2023-05-03",
            "2023-04-30",
        ),
        (
            "Between 2 and 4 February 2023, PDF fighters and soldiers clashed in Myaing "
            "township (Magway). 2 PDF members died.",
            "2023-03-01",
            "2023-02-02",
        ),
    ],
)
def test_a_span_of_days_is_dated_by_its_first_day(text: str, published: str, day: str) -> None:
    assert first(text, published).event_date == day


@pytest.mark.parametrize(
    ("text", "published", "sub_event_type"),
    [
        # a brief street protest, on the day of an anniversary
        (
            "On 1 February 2022, the anniversary of the coup, dozens of youths held a brief "
            "flash protest in Kale (Sagaing).",
            "2022-02-02",
            "Peaceful protest",
        ),
        # a crowd that went home of itself met no intervention
        (
            "On 20 May 2022, about 30 students staged a flash strike in Mandalay, chanting "
            "slogans and dispersing within minutes.",
            "2022-05-21",
            "Peaceful protest",
        ),
        # a named town taken after fighting is a takeover, not only a clash
        (
            "On 6 November 2023, PDF forces seized Kawlin town (Sagaing) after days of "
            "fighting; 2 soldiers were killed.",
            "2023-11-07",
            "Non-state actor overtakes territory",
        ),
        # a foreign state's forces taking a town regain nothing of their own
        (
            "On 25 June 2022, Russian forces took control of Sievierodonetsk (Luhansk) after "
            "weeks of fighting.",
            "2022-06-26",
            "Non-state actor overtakes territory",
        ),
        (
            "On 10 September 2022, Ukrainian troops retook Kupiansk (Kharkiv).",
            "2022-09-11",
            "Government regains territory",
        ),
        # prisoners and the dead handed back are an agreement carried out
        (
            "On 7 August 2024, Ukraine and Russia exchanged the bodies of fallen soldiers at a "
            "border crossing in Sumy oblast.",
            "2024-08-08",
            "Agreement",
        ),
        # the protests are what the arrested are accused of, not the day's act
        (
            "On 12 January 2022, security forces arrested 12 people in Sanandaj, accusing them "
            "of organising protests.",
            "2022-01-13",
            "Arrests",
        ),
        # the arms are in what the arrested man is suspected of, not the act
        (
            "On 30 November 2023, police in Odesa arrested a man suspected of adjusting Russian "
            "missile strikes on the port.",
            "2023-12-01",
            "Arrests",
        ),
        # the soldiers are the attackers; the only target is a family
        (
            "On 3 March 2022, Russian soldiers opened fire on a car carrying a family trying to "
            "leave Hostomel; 2 civilians were killed.",
            "2022-03-04",
            "Attack",
        ),
        # riot-control gas dropped on positions is a chemical weapon in war
        (
            "On 24 March 2024, Russian drones dropped K-51 grenades filled with tear gas on "
            "Ukrainian positions near Chasiv Yar.",
            "2024-03-25",
            "Chemical weapon",
        ),
        # drones carrying explosives over houses strike from the air
        (
            "On 6 May 2023, CJNG members flew drones loaded with explosives over houses in "
            "Tepalcatepec, injuring two residents.",
            "2023-05-07",
            "Air/drone strike",
        ),
        # graves found are the codebook's other developments
        (
            "On 5 June 2020, authorities discovered several mass graves in Tarhuna after the "
            "LNA withdrew.",
            "2020-06-06",
            "Other",
        ),
        # a retaking that only dates the killing
        (
            "On 5 March 2022, Russian soldiers shot dead a man riding a bicycle in Bucha; his "
            "body lay on the road until the town was retaken.",
            "2022-04-10",
            "Attack",
        ),
    ],
)
def test_conflict_register_types(text: str, published: str, sub_event_type: str) -> None:
    assert first(text, published).sub_event_type == sub_event_type


def test_arrests_no_one_is_named_for_are_the_police_of_the_period() -> None:
    e = first(
        "On 13 June 2023, the SBU detained a defence plant employee in Kyiv suspected of "
        "passing information to Russia.",
        "2023-06-14",
    )
    assert (e.sub_event_type, e.actor1) == ("Arrests", "Police Forces of Ukraine (2019-)")


@pytest.mark.parametrize(
    ("text", "published", "actor1", "actor2"),
    [
        # the group a report suspects or a claim names is the perpetrator coders code
        (
            "On 24 June 2023, a police truck hit a roadside bomb near Elwak (Mandera); 4 "
            "officers were killed. Al Shabaab is suspected.",
            "2023-06-25",
            "Al Shabaab",
            "Police Forces of Kenya (2022-)",
        ),
        (
            "On 17 September 2019, a roadside bomb struck an army vehicle near Rafah (North "
            "Sinai), killing 5 soldiers. IS Sinai Province claimed the attack.",
            "2019-09-18",
            "Islamic State (Sinai)",
            "Military Forces of Egypt (2014-)",
        ),
        (
            "On 9 February 2023, gunmen believed to be JNIM stopped a bus near Dori (Seno, "
            "Sahel) and shot 7 passengers dead.",
            "2023-02-10",
            "JNIM: Group for Support of Islam and Muslims",
            None,
        ),
        (
            "Seven farmers were hacked to death near Oicha (Beni, North Kivu) on 28 September "
            "2021; local authorities attributed the killings to the ADF.",
            "2021-09-29",
            "ADF: Allied Democratic Forces",
            "Civilians (Democratic Republic of Congo)",
        ),
    ],
)
def test_the_suspected_or_claiming_group_is_actor1(
    text: str, published: str, actor1: str, actor2: str | None
) -> None:
    e = first(text, published)
    assert e.actor1 == actor1
    if actor2 is not None:
        assert e.actor2 == actor2


def test_a_two_letter_acronym_in_a_line_of_capitals_is_a_word() -> None:
    from sitreps.resources import resources_for

    actors = resources_for(load_settings(env={})).actors
    assert [m.text for m in actors.mentions("WHAT IS LEFT OF THE TOWN")] == []
    assert [m.text for m in actors.mentions("IS later claimed the killings.")] == ["IS"]


@pytest.mark.parametrize(
    ("text", "published", "location", "deaths"),
    [
        # the place a line is filed from, before a colon, in any case
        ("diyarbakir: 9 detained in dawn raids", "2023-04-28", "Diyarbakır", 0),
        ("Leposavic: police arrest Serb man at border crossing", "2023-08-06", "Leposaviq", 0),
        # one victim named by a singular noun after the label
        (
            "Kherson: man killed as Russian artillery hits the city centre",
            "2024-09-10",
            "Kherson",
            1,
        ),
    ],
)
def test_a_line_label_is_the_place_and_one_victim_is_one_death(
    text: str, published: str, location: str, deaths: int
) -> None:
    e = first(text, published)
    assert (e.location, e.fatalities) == (location, deaths)


@pytest.mark.parametrize(
    ("text", "published", "sub_event_type", "actor1"),
    [
        # the bombs are what the aircraft struck with, not a device they ran into
        (
            "On 14 February 2024, Russian aircraft struck Avdiivka with guided bombs.",
            "2024-02-15",
            "Air/drone strike",
            "Military Forces of Russia (2000-)",
        ),
        # a country's air defences are its own
        (
            "On 19 April 2024, air defence forces destroyed 4 Russian cruise missiles over Dnipro.",
            "2024-04-20",
            "Disrupted weapons use",
            "Military Forces of Ukraine (2019-)",
        ),
        # a ministry claiming its forces' strike, in its own words
        (
            "Russian MoD claimed that on 30 December 2023 its forces carried out a "
            "high-precision strike on a hotel in Kharkiv.",
            "2023-12-31",
            "Shelling/artillery/missile attack",
            "Military Forces of Russia (2000-)",
        ),
        # Ukraine's security service arrests as its police
        (
            "On 28 September 2023, the SBU detained a resident of Kharkiv suspected of "
            "spying for Russia.",
            "2023-09-29",
            "Arrests",
            "Police Forces of Ukraine (2019-)",
        ),
    ],
)
def test_whose_forces_in_the_war_register(
    text: str, published: str, sub_event_type: str, actor1: str
) -> None:
    e = first(text, published)
    assert (e.sub_event_type, e.actor1) == (sub_event_type, actor1)


@pytest.mark.parametrize(
    ("text", "published", "sub_event_type", "actor1", "admin1"),
    [
        # an unnamed perpetrator of a bombing is an unidentified armed group of the country
        (
            "Suicide blast at Shi'ite mosque in Kunduz kills at least 40",
            "2021-10-09",
            "Suicide bomb",
            "Unidentified Armed Group (Afghanistan)",
            "Kunduz",
        ),
        # "security forces" repressing a crowd are the police; West Azerbaijan is Iran's
        (
            "On 26 October 2022, security forces fired on mourners marching from the cemetery "
            "in Mahabad (West Azerbaijan), killing 2.",
            "2022-10-27",
            "Excessive force against protesters",
            "Police Forces of Iran (1989-)",
            "West Azarbaijan",
        ),
    ],
)
def test_unnamed_perpetrators_and_security_forces(
    text: str, published: str, sub_event_type: str, actor1: str, admin1: str
) -> None:
    e = first(text, published)
    # (a protest's force is actor2: the demonstrators come first)
    force = e.actor2 if e.event_type == "Protests" else e.actor1
    assert (e.sub_event_type, force, e.admin1) == (sub_event_type, actor1, admin1)


def test_lost_their_lives_in_any_number_is_deaths() -> None:
    assert deaths_in("gunmen shot at a family; 4 people lost their life").value == 4
    assert deaths_in("a man lost his life in the attack").value == 1


@pytest.mark.parametrize(
    ("text", "published", "actor1"),
    [
        # groups by the names event coders give them
        (
            "On 10 May 2024, RSF fighters shelled El Fasher (North Darfur), killing 6 civilians.",
            "2024-05-11",
            "RSF: Rapid Support Forces",
        ),
        (
            "On 21 October 2023, BLA militants shot dead 7 labourers in Panjgur (Balochistan).",
            "2023-10-22",
            "BLA: Balochistan Liberation Army",
        ),
    ],
)
def test_groups_by_coders_names(text: str, published: str, actor1: str) -> None:
    assert first(text, published).actor1 == actor1


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the bombers die too, and coders count them
        ("A suicide bomber blew herself up at a camp gate, killing herself and 2 guards.", 3),
        ("Two bombers set off explosives at a market, killing themselves and 3 traders.", 5),
        # one of a list named with "an"
        ("A roadside bomb hit an army truck, killing an officer and 4 conscripts.", 5),
        # one person named by a singular noun
        ("A local councillor was shot dead outside his house by gunmen.", 1),
        ("The tractor struck a mine and the driver was killed.", 1),
        ("A mob beat a 35-year-old man to death on Tuesday.", 1),
        # a group of people is no one person
        ("The family was killed in the strike.", 3),
    ],
)
def test_deaths_of_bombers_lists_and_single_victims(text: str, deaths: int) -> None:
    got = deaths_in(text)
    assert got is not None and got.value == deaths


@pytest.mark.parametrize(
    ("text", "published", "sub_event_type", "actor1", "actor2"),
    [
        # the subject took the town: the country's own forces regain it
        (
            "On 21 August 2019, Syrian regime forces took full control of Khan Shaykhun "
            "(Idleb) after days of fighting with HTS.",
            "2019-08-22",
            "Government regains territory",
            "Military Forces of Syria (2000-2024)",
            "HTS: Hayat Tahrir al Sham",
        ),
        # no clashes reported: a handover of ground, not a battle
        (
            "On 6 December 2024, SDF fighters took control of Deir ez-Zor city after regime "
            "troops withdrew; no clashes were reported.",
            "2024-12-07",
            "Non-violent transfer of territory",
            "SDF: Syrian Democratic Forces",
            "Military Forces of Syria (2000-2024)",
        ),
        # a thrown grenade explodes too: still a grenade
        (
            "On 11 July 2021, militants hurled a grenade at a CRPF bunker in Srinagar; it "
            "exploded on the road, injuring two civilians.",
            "2021-07-12",
            "Grenade",
            "Unidentified Armed Group (India)",
            None,
        ),
        # the police a device met are its target, not its maker
        (
            "On 11 July 2021, an IED exploded under a police vehicle in Srinagar, killing 2 "
            "officers.",
            "2021-07-12",
            "Remote explosive/landmine/IED",
            "Unidentified Armed Group (India)",
            "Police Forces of India (2014-)",
        ),
    ],
)
def test_who_took_and_who_was_hit(
    text: str, published: str, sub_event_type: str, actor1: str, actor2: str | None
) -> None:
    e = first(text, published)
    assert (e.sub_event_type, e.actor1) == (sub_event_type, actor1)
    if actor2 is not None:
        assert e.actor2 == actor2


def test_a_claiming_ministry_is_actor1_with_its_own_words_as_evidence() -> None:
    text = (
        "The war went on. Russian MoD claimed that on 30 December 2023 its forces carried out "
        "a high-precision strike on a hotel in Kharkiv."
    )
    e = first(text, "2023-12-31")
    assert e.actor1 == "Military Forces of Russia (2000-)"
    ev = next(x for x in e.evidence if x.field == "actor1")
    assert ev.text == "Russian MoD claimed"
