"""Coder-style notes, published long after their events: found, typed and placed?

    .venv/bin/python benchmarks/notes_check.py [--published 2023-06-30 | --published next]

Thirty-five one- or two-sentence notes in the style of an event coder's description, written
for this check (our own words; the places and groups are real, the incidents composed). Each
goes through sitreps.extract with a publication date long after the note's own date, as
when notes or an archive are read in bulk (``--published next``: the day after each note's
own date, to tell typing and places apart from the age of the note). Reported: notes that
give an event, whose first event has the expected sub-event type, and whose event lies in
the expected country (and admin1, where the note names one the gazetteer knows).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timedelta

#: (note, sub-event type, country, admin1 or None)
NOTES: list[tuple[str, str, str, str | None]] = [
    ("On 3 March 2021, unidentified gunmen killed 3 civilians in Kware village (Shagari LGA, "
     "Sokoto state).", "Attack", "Nigeria", "Sokoto"),
    ("On 12 June 2019, Military Forces of Syria shelled Kafr Nabudah (Hama) killing 2 "
     "civilians.", "Shelling/artillery/missile attack", "Syria", "Hama"),
    ("On 4 May 2020, around 50 people protested in Kisumu town (Kisumu) against police "
     "brutality. No arrests were reported.", "Peaceful protest", "Kenya", "Kisumu"),
    ("On 21 January 2018, police arrested 5 members of the PTI in Mardan, Khyber "
     "Pakhtunkhwa.", "Arrests", "Pakistan", "Khyber Pakhtunkhwa"),
    ("On 7 July 2021, Taliban militants set fire to a school in Qadis district, Badghis.",
     "Looting/property destruction", "Afghanistan", "Badghis"),
    ("On 14 February 2022, residents of Goma held a sit-in in front of the governor's office "
     "to demand better security.", "Peaceful protest", "Democratic Republic of Congo", None),
    ("On 3 June 2020, PKK militants and Turkish military forces clashed in Semdinli district, "
     "Hakkari. 2 PKK militants were killed.", "Armed clash", "Turkey", None),
    ("On 22 April 2021, the Government of Mali and a coalition of armed groups signed a "
     "ceasefire agreement in Bamako.", "Agreement", "Mali", "Bamako"),
    ("On 1 July 2018, unknown assailants abducted a village chief in Djibo (Soum, Sahel).",
     "Abduction/forced disappearance", "Burkina Faso", "Sahel"),
    ("On 11 November 2020, students rioted at the University of Ibadan and set fire to an "
     "administrative building.", "Violent demonstration", "Nigeria", "Oyo"),
    ("On 30 March 2021, the Myanmar military carried out airstrikes on villages in Papun "
     "district, Kayin state, killing 3 civilians.", "Air/drone strike", "Myanmar", "Kayin"),
    ("On 17 May 2017, Fulani militia attacked Tse-Akaa village (Guma, Benue), killing 8 "
     "people.", "Attack", "Nigeria", "Benue"),
    ("On 8 October 2021, the police arrested 12 protesters in Khartoum who were demonstrating "
     "against military rule.", "Protest with intervention", "Sudan", "Khartoum"),
    ("On 2 March 2020, members of the Mai-Mai Yakutumba attacked a FARDC position in Fizi "
     "territory. 5 FARDC soldiers and 7 militia members were killed.", "Armed clash",
     "Democratic Republic of Congo", None),
    ("On 13 June 2022, a landmine exploded under a civilian vehicle near Bandiagara, killing "
     "2 passengers.", "Remote explosive/landmine/IED", "Mali", "Mopti"),
    ("On 4 February 2023, unidentified gunmen shot and killed a local journalist in Acapulco "
     "(Guerrero).", "Attack", "Mexico", "Guerrero"),
    ("On 18 March 2022, Russian forces shelled Kharkiv city, killing 4 civilians.",
     "Shelling/artillery/missile attack", "Ukraine", "Kharkiv"),
    ("On 9 June 2022, ELN militants attacked a military base in Arauca department, killing 2 "
     "soldiers.", "Armed clash", "Colombia", "Arauca"),
    ("On 12 August 2020, around 300 supporters of the PTI staged a rally in Lahore (Punjab) "
     "demanding the release of party leaders.", "Peaceful protest", "Pakistan", "Punjab"),
    ("On 27 October 2021, the NPA ambushed Philippine Army troops in Las Navas, Northern "
     "Samar. One soldier was killed.", "Armed clash", "Philippines", None),
    ("On 14 April 2023, RSF and SAF forces clashed in Khartoum. Fatalities unknown.",
     "Armed clash", "Sudan", "Khartoum"),
    ("On 23 September 2021, a mob lynched a man accused of theft in Kampala.",
     "Mob violence", "Uganda", None),
    ("On 20 March 2021, insurgents stormed the town of Palma in Cabo Delgado, killing dozens "
     "of civilians.", "Attack", "Mozambique", "Cabo Delgado"),
    ("On 11 December 2022, Anglophone separatists abducted 15 people in Bamenda "
     "(North-West).", "Abduction/forced disappearance", "Cameroon", None),
    ("On 19 February 2022, police fired tear gas to disperse students protesting fee "
     "increases in Dhaka.", "Protest with intervention", "Bangladesh", "Dhaka"),
    ("On 16 June 2021, Hezbollah and the Lebanese Armed Forces clashed near Baalbek, leaving "
     "2 dead.", "Armed clash", "Lebanon", None),
    ("On 3 April 2022, a man threw a grenade at a bar in Goma, injuring 6 people.",
     "Grenade", "Democratic Republic of Congo", None),
    ("On 7 July 2020, security forces opened fire on protesters in Bamako, killing 4.",
     "Excessive force against protesters", "Mali", "Bamako"),
    ("On 2 September 2019, Syrian regime forces recaptured Khan Sheikhoun from HTS after "
     "heavy fighting.", "Government regains territory", "Syria", "Idleb"),
    ("On 8 March 2021, a group of soldiers raped two women in a village near Mekele.",
     "Sexual violence", "Ethiopia", "Tigray"),
    ("On 26 June 2020, gunmen kidnapped 3 aid workers on the road between Maiduguri and "
     "Monguno.", "Abduction/forced disappearance", "Nigeria", "Borno"),
    ("On 20 November 2021, the ADF and the FARDC exchanged fire near Beni.", "Armed clash",
     "Democratic Republic of Congo", None),
    ("On 12 April 2021, a suicide bomber blew himself up at a checkpoint in Mogadishu, "
     "killing 3 soldiers.", "Suicide bomb", "Somalia", None),
    ("On 17 August 2021, a crowd beat to death two suspected thieves in Kinshasa.",
     "Mob violence", "Democratic Republic of Congo", "Kinshasa"),
    ("On 25 June 2022, a roadside bomb struck a police vehicle in Peshawar, killing 2 "
     "officers.", "Remote explosive/landmine/IED", "Pakistan", "Khyber Pakhtunkhwa"),
]  # fmt: skip


def main() -> int:
    """Print how many notes give an event, of the right type, in the right place."""
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--published", default="2023-06-30", help="every note's publication date, or 'next'"
    )
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    from sitreps import extract
    from sitreps.errors import RejectError

    found = typed = country = admin1 = admin1_n = 0
    for text, sub, want_country, want_admin1 in NOTES:
        published = args.published
        if published == "next":
            day = datetime.strptime(re.search(r"\d{1,2} \w+ \d{4}", text)[0], "%d %B %Y")
            published = (day + timedelta(days=1)).date().isoformat()
        try:
            events = [e for e in extract(text, published=published) if e.event_type]
        except RejectError as exc:
            print(f"rejected: {exc} | {text[:70]}")
            continue
        if not events:
            if args.verbose:
                print(f"no event | {text[:70]}")
            continue
        found += 1
        e = events[0]
        typed += e.sub_event_type == sub
        country += e.country == want_country
        if want_admin1 is not None:
            admin1_n += 1
            admin1 += e.admin1 == want_admin1
        if args.verbose and (e.sub_event_type != sub or e.country != want_country):
            print(f"{e.sub_event_type} in {e.admin1}, {e.country} | {text[:70]}")
    n = len(NOTES)
    print(
        f"{n} notes published {args.published}: event {found}/{n}, type {typed}/{n}, "
        f"country {country}/{n}, admin1 {admin1}/{admin1_n}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
