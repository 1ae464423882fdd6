"""Finding and typing events sentence by sentence, with the codebook's precedence rules.

Each sentence is checked for trigger expressions of every kind of event; the precedence
logic then picks one label per sentence (shelling during a battle is the battle; a
non-state group "arresting" people is an abduction; forces leaving and a group taking over
without a fight is a non-violent transfer...). Background, trends, plans and statements
yield no event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "LABEL_CUES",
    "RESPONSIBILITY",
    "SentenceType",
    "is_background",
    "may_report",
    "type_as",
    "type_sentence",
]


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.I)


CUES: dict[str, re.Pattern[str]] = {
    "suicide": _rx(
        r"suicide (?:bomb|attack|car bomb|vest|blast)\w*",
        r"blew (?:him|her)self up",
        r"svbied",
        r"suicide bomber",
    ),
    "air": _rx(
        r"air ?strikes?",
        r"drone (?:strike|attack)s?",
        r"warplanes?",
        r"airstrikes?",
        r"air raids?",
        r"bombed from the air",
        r"helicopter gunships?",
        r"aerial (?:bombard|attack)\w*",
        r"fighter jets?",
        r"jets? (?:struck|bombed|hit)",
        # an aircraft or drone doing the striking (written from our training split's misses)
        r"(?:aircraft|air ?force|drones?|planes?|jets?|helicopters?|gunships?|antonovs?|bombers?|"
        r"quadcopters?|uavs?|mi-\d+|f-\d+s?|su-\d+)(?: \w+){0,3}? (?:struck|strikes?|hit|bombed|"
        r"pounded|strafed|targeted|dropped|slammed|crashed into|carried out (?:\w+ ){0,3}?strikes)",
        r"(?:dropped|dropping) (?:\w+ )?bombs",
        r"barrel bombs?",
        r"(?:drone|aerial) (?:raids?|bombing|bombardment)",
    ),
    "shelling": _rx(
        r"shell(?:ed|ing|s)\b",
        r"artillery",
        r"mortars?",
        r"rockets?",
        r"missiles?",
        r"rocket-propelled",
        r"rpgs?",
        r"tank fire",
        r"bombard\w*",
    ),
    "ied": _rx(
        r"roadside bombs?",
        r"improvised explosive",
        r"ieds?",
        r"landmines?",
        r"land mines?",
        r"car bombs?",
        r"bomb (?:blast|explosion|attack)s?",
        r"explosive devices?",
        r"(?:bomb|device|mine) (?:\w+ )?(?:exploded|went off|detonated)",
        r"went off",
        r"unexploded ordnance",
        r"blast (?:hit|struck|killed|ripped)",
        r"explosion (?:hit|struck|killed|ripped)",
        r"struck a (?:mine|bomb)",
        r"(?:ran over|hit|stepped on|drove over|struck) (?:a |an )?(?:[\w-]+ ){0,2}?mine\b",
        r"remote(?:ly)?[- ]controlled (?:bomb|device|explosive)s?",
        r"rigged with explosives",
        r"unexploded (?:shell|ordnance|bomb|device|munition)s?",
        r"(?:magnetic|sticky) bombs?",
        r"hit a (?:mine|bomb)",
        r"exploded",
    ),
    "grenade": _rx(r"grenades?"),
    "chemical": _rx(
        r"chemical (?:attack|strike)s?",
        r"(?:used|use of|dropped|fired|released) (?:\w+ )?(?:chemical weapons|sarin|chlorine|mustard gas|nerve agent)",
        r"(?:sarin|chlorine gas|mustard gas|nerve agent) (?:attack|strike)s?",
        r"gassed",
        # broader wording (written from our training split's misses)
        r"chlorine",
        r"sarin",
        r"chloropicrin",
        r"mustard gas",
        r"nerve agents?",
        r"toxic (?:gas|chemicals)",
        r"chemical (?:munitions|weapons?)",
    ),
    "clash": _rx(
        r"clash(?:ed|es)?",
        r"fought",
        r"fighting",
        r"gun ?battles?",
        r"firefights?",
        r"exchanged? (?:of )?fire",
        r"exchange of fire",
        r"battled?",
        r"repuls\w+",
        r"fight(?:ing)? (?:them|the \w+) (?:back|off)",
        r"fought back",
        r"counter-?attack\w*",
        r"ambush(?:ed)? (?:a |an )?(?:army|military|police|security|troops|soldiers|convoy)",
        r"offensive against",
        r"engaged in combat",
        r"skirmish\w*",
    ),
    "attack": _rx(
        r"attack(?:ed|s|ing)?",
        r"raid(?:ed|s)?",
        r"stormed",
        r"opened fire",
        r"pushed into",
        r"advanced (?:on|into)",
        r"launched an? (?:\w+ )?(?:attack|assault|offensive)",
        r"assault(?:ed)?",
        r"struck",
    ),
    "kill": _rx(
        r"killed",
        r"killing",
        r"shot dead",
        r"gunned down",
        r"massacred?",
        r"executed",
        r"beheaded",
        r"hacked to death",
        r"murdered",
        r"slaughtered",
        r"shot and killed",
        r"burned alive",
        r"lynched",
    ),
    "takeover": _rx(
        r"captur(?:ed|e)\b(?! (?:the |a |an |her |his |their )?(?:\w+ )?(?:imagination|moment|"
        r"attention|hearts?|mood|spirit|essence|image|scene|footage|photo|snow leopard))"
        r"(?! on (?:video|camera|film|tape|\w+['’]s phone))",
        r"seiz(?:ed|e) control",
        r"took (?:over|control)",
        r"taken control",
        r"overr?an",
        r"fell to(?!\s*(?:\$|\d|a |an |its |their |the lowest|the highest))",
        r"fallen (?:in)?to(?!\s*(?:\$|\d))",
        r"in(?:to)? the hands of",
        r"under (?:the )?(?:\w+ )?control of",
        r"seized the (?:town|city|district|village|base)",
        # broader wording (written from our training split's misses)
        r"took (?:the )?(?:town|city|district|village|district centre|capital|full control)",
        r"taken the (?:town|city|district|village)",
        r"(?:drove|driven|chased|pushed) (?:\w+ ){0,6}?out of",
    ),
    "regain": _rx(
        r"recaptur\w+",
        r"retook",
        r"retaken",
        r"regain(?:ed)? control",
        r"liberated",
        r"won back",
        r"cleared (?:the )?(?:town|area|village) of",
        # broader wording (written from our training split's misses)
        r"seized back",
        r"took back",
        r"taken back",
        r"wrested back",
        r"reclaimed",
        r"re-?established (?:state )?(?:authority|control)",
    ),
    "withdraw": _rx(
        r"evacuat\w+",
        r"withdr[ae]w\w*",
        r"pulled out",
        r"retreated",
        r"abandoned",
        r"handed over",
        r"without (?:a )?(?:fight|resistance|a shot)",
        r"surrendered",
        r"left the (?:town|city|district|base)",
    ),
    "abduct": _rx(
        r"kidnapp?\w+",
        r"abduct\w+",
        r"taken hostage",
        r"took \w+ hostage",
        r"seized \w+ (?:people|civilians|villagers|students|passengers|hostages)",
        r"forcibly disappeared",
        r"hostages?",
        # broader wording (written from our training split's misses)
        r"took away",
        r"taken away",
        r"snatched",
        r"bundled (?:\w+ ){0,4}?into",
        r"whereabouts (?:remain |are |is )?unknown",
        r"seized (?:\w+ ){0,2}?(?:fishermen|farmers|workers|men|women|children|boys|girls|travellers|traders)",
        r"(?:to|at) an unknown location",
        r"not (?:disclosed|revealed) where",
        r"[“\"'‘](?:detained|arrested)[”\"'’]",
    ),
    "sexual": _rx(
        r"rap(?:ed|e)\b", r"sexual(?:ly)? (?:assault|violence|abuse)\w*", r"sexually assaulted"
    ),
    "arrest": _rx(
        r"arrest(?:ed|s)?",
        r"detain(?:ed)?",
        r"round(?:ed)? up",
        r"taken into custody",
        r"apprehended",
    ),
    "protest": _rx(
        r"protest\w*",
        r"demonstrat(?:ion|ors|ed|ing)\w*",
        r"(?-i:marchers)",
        r"(?-i:marched (?:through|to|on|in|from|along|past|towards))",
        r"(?-i:a march)\b",
        r"rall(?:y|ies|ied)",
        r"sit-ins?",
        r"took to the streets",
        r"walkouts?",
        r"picket\w*",
        r"strikers?",
        r"went on strike",
        r"vigils?\b",
        r"(?-i:(?:a|the|their|weekly|planned|banned|peaceful|protest|anti-\w+) march(?:es)?)\b",
        r"gathered (?:\w+ ){0,8}?to (?:demand|protest|call for|denounce|condemn|oppose)",
        r"chained themselves",
    ),
    "intervention": _rx(
        r"tear ?gas",
        r"water cannons?",
        r"dispers\w+",
        r"baton\w*",
        r"broke up",
        r"break up",
        r"arrest\w*",
        r"detain\w*",
        r"rubber bullets",
        r"pepper spray",
        r"charged (?:at|into) (?:the )?(?:crowd|protesters)",
    ),
    "lethal": _rx(
        r"live (?:ammunition|fire|rounds)",
        r"opened fire on (?:the )?(?:crowd|protesters|demonstrators)",
        r"shot dead",
        r"killed",
        r"killing",
        r"fired on",
        r"opened fire on",
        r"fired (?:\w+ ){0,3}?at (?:the )?(?:crowd|protesters|demonstrators|marchers|youths|students)",
        r"shot at\b",
        r"(?:beat|beaten|clubbed) (?:\w+ ){0,2}?(?:protesters|demonstrators|marchers)",
        r"(?:leaving|left) (?:\w+ ){0,2}?dead",
    ),
    "riot": _rx(
        r"riot(?!\s+(?:police|gear|squad|officers|control|units?|shields?))\w*",
        r"loot\w*",
        r"torch\w*",
        r"set (?:fire|ablaze)",
        r"burn(?:ed|ing|t)? (?:tyres|tires|cars|shops|vehicles|buildings)",
        r"(?:threw|throwing|hurled|pelted) (?:stones|rocks|bricks|petrol bombs)",
        r"vandali[sz]\w*",
        r"smashed",
        r"barricad\w+",
        r"burning tyres",
        r"burning tires",
        r"ransack\w*",
        r"petrol bombs?",
        r"molotov",
        r"set (?:\w+ ){0,5}?on fire",
        r"(?:threw|hurled|throwing|thrown) (?:\w+ ){0,3}?(?:stones|rocks|bombs|firecrackers|bottles|eggs|bricks)",
        r"thrown by (?:\w+ ){0,2}?(?:demonstrators|protesters|rioters|youths)",
        r"stormed",
    ),
    "mob": _rx(
        r"\bmob\b",
        r"vigilantes?",
        r"lynch\w*",
        r"beat(?:en)? to death",
        # a crowd doing violence (written from our training split's misses)
        r"by (?:a |an )?(?:angry )?(?:crowd|mob|residents|villagers|locals)\b",
        r"\bcrowd (?:\w+ ){0,3}?(?:dragged|beat|killed|attacked|stoned|burned|lynched)",
        r"(?:people|residents|villagers|youths|men) (?:\w+ ){0,2}?armed with (?:sticks|machetes|knives|clubs|stones)",
        r"group of (?:residents|villagers|locals)",
    ),
    "agreement": _rx(
        r"cease-?fire",
        r"peace (?:deal|agreement|accord|pact)",
        r"signed an? (?:\w+ )?(?:agreement|accord|deal|pact|truce)",
        r"truce",
        r"prisoner (?:swap|exchange)",
        r"agreed to (?:a |an )?(?:ceasefire|truce|deal|exchange|halt)",
        r"signed (?:the|a) deal",
        r"reached an? (?:\w+ )?(?:agreement|deal)",
        r"signed (?:a |an |the )?(?:\w+ ){0,3}?(?:protocol|memorandum|accord|deal|agreement|pact|truce)",
        r"agreed (?:\w+ ){0,3}?to (?:\w+ ){0,2}?(?:restore|lift|halt|stop|end|silence|exchange|swap|"
        r"withdraw|resume|observe|disarm)",
    ),
    "disrupted": _rx(
        r"defus\w+",
        r"intercept\w*",
        r"weapons? cache",
        r"arms cache",
        r"seized (?:\w+ )?(?:weapons|arms|explosives|ammunition)",
        r"foiled",
        r"dismantled (?:a |an )?(?:bomb|device|explosive)",
        # broader wording (written from our training split's misses)
        r"shot down (?:\w+ ){0,4}?(?:drones?|missiles?|rockets?)",
        r"recovered (?:\w+ ){0,4}?(?:rifles|weapons|arms|ammunition|explosives)",
        r"seized (?:\w+ ){0,5}?(?:rifles|weapons|arms|ammunition|explosives)",
    ),
    "looting": _rx(
        r"loot\w*",
        r"burn(?:ed|t) (?:down )?(?:\w+ )?(?:houses|homes|huts|shops|villages?)",
        r"torched (?:\w+ )?(?:houses|homes|huts|shops|villages?)",
        r"destroyed (?:\w+ )?(?:houses|homes|property|shops)",
        r"razed",
        r"set fire to (?:\w+ )?(?:houses|homes|huts)",
        # broader wording (written from our training split's misses)
        r"torched",
        r"set (?:\w+ )?ablaze",
        r"set fire to",
        r"blew up (?:a |the )?(?:\w+ )?(?:bridge|pylons?|mast|tower|pipeline|school)",
        r"destroyed (?:\w+ ){0,3}?(?:bridge|pylons?|mast|tower|pipeline|school|clinic|church|mosque)",
        r"(?:stole|seized) (?:\w+ )?livestock",
        r"ransack\w+",
        r"burn(?:ed|t) (?:\w+ ){0,3}?(?:cars|vehicles|police station|offices|groves|crops)",
        r"demolish\w* (?:\w+ ){0,4}?(?:homes?|houses?|buildings?|structures?|shops?)",
        r"burn(?:ed|t) (?:down )?(?:\w+ ){0,3}?(?:houses|homes|huts|shops|villages?|lorries|trucks|"
        r"buses|granaries|backhoes?)",
    ),
    "base": _rx(
        r"set up (?:a )?(?:base|headquarters|camp)",
        r"established (?:a )?(?:base|headquarters|camp)",
        r"new (?:base|headquarters)",
        # broader wording (written from our training split's misses)
        r"set up (?:\w+ ){0,3}?(?:base|headquarters|camp|checkpoints?|command post|outpost)",
        r"established (?:\w+ ){0,3}?(?:base|headquarters|camp|outpost|command post|administrative office)",
        r"opened (?:\w+ ){0,3}?(?:headquarters|base|operations room|outpost)",
        r"built (?:\w+ ){0,2}?(?:camp|base)",
    ),
    "change": _rx(
        r"new leader",
        r"named (?:a )?new (?:leader|commander|chief)",
        r"merged with",
        r"split from",
        r"formed a new (?:group|alliance|coalition)",
        r"pledged allegiance",
        r"deployed (?:more |additional )?(?:troops|soldiers|forces)",
        r"troop build-?up",
        r"announced (?:the )?formation",
        # broader wording (written from our training split's misses)
        r"merged",
        r"merger",
        r"break(?:ing)? away",
        r"broke away",
        r"splinter",
        r"new (?:umbrella )?(?:coalition|alliance|movement)",
        r"restructur\w+",
        r"appointed (?:\w+ ){0,4}?(?:head|leader|commander|chief)",
        r"named (?:\w+ ){0,6}?(?:head|leader|commander|chief)",
        r"(?:massed|amassed)",
        r"moved (?:\w+ ){0,3}?(?:battalions|brigades|troops)",
        r"shifted (?:its )?(?:tactics|strategy|from)",
    ),
    # curfews, states of emergency, martial law, internet cuts: ACLED's "Other" developments
    "emergency": _rx(
        r"state of emergency",
        r"martial law",
        r"(?:imposed|declared|extended|ordered) (?:an? |the )?(?:\w+ ){0,3}?curfews?",
        r"(?:suspended|shut down|cut|blocked) (?:\w+ ){0,2}?(?:mobile )?internet",
        r"internet (?:shutdown|blackout)s?",
    ),
    "prison": _rx(
        r"prison ?break",
        r"jail ?break",
        r"broke out of (?:the |a )?(?:\w+ )?(?:prison|jail)",
        r"break out of (?:the |a )?(?:\w+['’]s )?(?:\w+ )?(?:prison|jail)",
        r"escaped from (?:the |a )?(?:\w+ )?(?:prison|jail)",
        r"(?:prisoners|inmates|detainees) (?:\w+ ){0,16}?(?:escaped|fled|broke out|freed|forced open)",
        r"broke the (?:prison|jail) gate",
        r"freed (?:\w+ )?(?:prisoners|inmates)",
        r"mass escape",
    ),
    "consult": _rx(
        r"\bmet\b",
        r"meetings?",
        r"\btalks\b",
        r"hosted",
        r"hosting",
        r"visit(?:ed|s)?\b",
        r"negotiations?",
        r"summit",
        r"held (?:a )?(?:phone )?call",
        r"spoke by (?:tele)?phone",
        r"(?<!news )(?<!press )conferences?",
    ),
    "threaten": _rx(r"threaten\w*", r"warned of (?:retaliation|consequences|action)", r"ultimatum"),
    "aid": _rx(
        r"humanitarian (?:aid|assistance|supplies)",
        r"food aid",
        r"delivered (?:\w+ )?(?:aid|supplies|food)",
        r"relief (?:supplies|goods)",
        r"pledged \$?[\d.]+ (?:million|billion)",
        r"emergency assistance",
        r"provided (?:\w+ )?(?:aid|assistance)",
    ),
    "sanction": _rx(
        r"sanctions?",
        r"embargo",
        r"froze (?:\w+ )?assets",
        r"expelled (?:\w+ )?diplomats",
        r"suspended (?:\w+ )?(?:aid|ties|relations)",
        r"cut (?:diplomatic )?ties",
    ),
    "request": _rx(
        r"called for",
        r"urg(?:ed|ing)",
        r"demanded",
        r"appealed (?:to|for)",
        r"asked for",
        r"requested",
    ),
    "accuse": _rx(
        r"accus\w+", r"condemn\w*", r"blamed", r"criticis\w+", r"criticiz\w+", r"denounc\w+"
    ),
    "reject": _rx(
        r"rejected", r"refused", r"dismissed (?:calls|demands|a request)", r"turned down"
    ),
    "agree": _rx(
        r"agreed to",
        r"pledged to",
        r"promised to",
        r"offered to",
        r"stood ready to",
        r"stands ready to",
        r"willing(?:ness)? to",
    ),
    "support": _rx(
        r"praised",
        r"welcomed",
        r"endorsed",
        r"commended",
        r"expressed (?:its |their )?support",
        r"voiced support",
        r"backed the",
        r"restored (?:diplomatic )?ties",
        r"ratified",
        r"established diplomatic relations",
        r"congratulated",
    ),
    "concede": _rx(
        r"declared a (?:unilateral |temporary )?(?:ceasefire|truce)",
        r"eased restrictions",
        r"(?:will|would|agreed to) lift",
        r"offered concessions",
        r"promised to withdraw",
        r"pledged to withdraw",
        r"agreed to release",
        r"announced (?:an )?amnesty",
        r"(?:will|would) ease",
    ),
    "cooperate": _rx(
        r"joint (?:military )?(?:exercises?|drills|patrols?|operations?)",
        r"trade (?:deal|agreement|pact)",
        r"extradit\w+",
        r"intelligence[- ]sharing",
        r"cooperation (?:agreement|deal)",
        r"economic (?:deal|agreement)",
        r"signed (?:a |an )?(?:\w+ )?memorandum",
    ),
    "retreat": _rx(
        r"withdr[ae]w (?:its |their |all )?(?:troops|forces|soldiers)",
        r"pulled out (?:its |their )?(?:troops|forces)",
        r"released (?:\d+ |all |the )?(?:prisoners|hostages|detainees|captives)",
        r"freed (?:\d+ |all |the )?(?:hostages|captives)",
        r"resigned",
        r"stepped down",
        r"lifted (?:the |a )?(?:curfew|blockade|state of emergency)",
        r"handed back",
        r"returned (?:the )?(?:bodies|remains)",
    ),
    "mobilize": _rx(
        r"deployed (?:more |additional |thousands of |hundreds of )?(?:troops|soldiers|forces|police|officers)",
        r"mobili[sz]ed",
        r"massed (?:troops|forces)",
        r"(?:on|to) (?:high|maximum) alert",
        r"test[- ]fired",
        r"missile tests?",
        r"military drills",
        r"called up (?:reservists|troops)",
    ),
    "coerce": _rx(
        r"imposed (?:a |an )?(?:\w+ )?curfew",
        r"state of emergency",
        r"banned",
        r"shut (?:down|off) (?:the )?internet",
        r"deported",
        r"expelled",
        r"confiscated",
        r"censor\w*",
        r"blocked access",
        r"outlawed",
        r"closed (?:down )?(?:the )?(?:offices|newspaper|border)",
    ),
}

ARMED_TARGET = _rx(
    r"security forces",
    r"troops",
    r"soldiers",
    r"army",
    r"military",
    r"police",
    r"checkpoints?",
    r"bases?",
    r"outposts?",
    r"posts?",
    r"barracks",
    r"convoys?",
    r"forces",
    r"militia\w*",
    r"fighters",
    r"positions",
    r"patrols?",
    r"(?:the|a) city\b",
    r"(?:provincial )?capital\b",
    r"district (?:cent(?:er|re)|headquarters)",
)
CIVILIAN_TARGET = _rx(
    r"civilians?",
    r"villagers",
    r"residents",
    r"people",
    r"passengers",
    r"worshippers",
    r"farmers",
    r"children",
    r"women",
    r"students",
    r"pupils",
    r"families",
    r"market",
    r"mosque",
    r"church",
    r"school",
    r"village",
    r"bus\b",
    r"traders",
    r"herders",
    r"aid workers",
    r"journalists?",
    r"teachers",
    r"patients",
    r"homes?",
    r"displaced",
    r"camp for",
)
CROWD = _rx(
    r"rioters",
    r"crowds?",
    r"protesters",
    r"demonstrators",
    r"mobs?",
    r"youths",
    r"supporters",
    r"residents",
    r"students",
    r"looters",
    r"gathering",
    r"marchers",
)
STATE_ACTOR = _rx(
    r"security forces",
    r"troops",
    r"soldiers",
    r"army",
    r"military",
    r"police",
    r"government forces",
    r"authorities",
    r"officers",
)
NON_STATE_ACTOR = _rx(
    r"gunmen",
    r"militants",
    r"insurgents",
    r"rebels",
    r"fighters",
    r"jihadists",
    r"bandits",
    r"taliban",
    r"al-?shabaa?b",
    r"boko haram",
    r"iswap",
    r"islamic state",
    r"houthis?",
    r"militia",
    r"armed group",
    r"kidnappers",
    r"gangs?\b",
    r"separatists",
    r"paramilitar\w+",
)


@lru_cache(maxsize=1)
def _named_non_state() -> re.Pattern[str]:
    """Return a pattern of the actor dictionary's named non-state groups ("Arakan Army").

    STATE_ACTOR's "army" also matches "Arakan Army": a named group in the sentence says a
    non-state side is there, whatever its name ends with.
    """
    from sitreps.extract.actors import ActorDictionary

    names = sorted(
        {
            a
            for row in ActorDictionary().rows
            if row.kind == "group" and row.inter in (2, 3, 4) and len(row.aliases)
            for a in row.aliases
            if a[:1].isupper() and len(a) > 2
        },
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


#: ", police said", ", according to the army": the clause naming a report's source.
ATTRIBUTION = re.compile(
    r",[^,;]{0,80}?\b(?:said|says|say|told|reported|added|according)\b[^,;]*?(?=[.;]|$)", re.I
)

#: A sentence with one of these and no explicit date describes a trend, background or plan.
BACKGROUND = _rx(
    r"in recent (?:months|weeks|years|days)",
    r"over the (?:past|last) (?:\w+ )?(?:months|weeks|years|decades)",
    r"for (?:years|decades|months)",
    r"after (?:almost |nearly |more than )?\d+ years",
    r"since (?:19|20)\d\d",
    r"(?:is|are|has been|have been) (?:\w+ly )?(?:gaining|advancing|sweeping)",
    r"(?:is|are|was|were) entering",
    r"have failed to",
    r"has failed to",
    r"\b(?:will|would|could|might|(?-i:may)(?! \d)|plans? to|intends? to|is expected to|are expected to|is set to)\b",
    r"(?:is|are|was|were) due to (?:take effect|begin|start|come into force|expire|end|resume)",
    r"\bif\b",
    r"in the past\b",
    r"history of",
    r"anniversary",
    r"\bprevious(?:ly)? (?:attacks?|years?|months?|weeks?|clashes|fighting|raids?|incidents?|offensives?)\b",
    r"\b(?:which|who|that) (?:has|have) (?:\w+ )?(?:carried out|stepped up|been|killed|fought|waged|launched)",
    r"\boften\b",
    r"\b(?:is|are) due to\b",
    r"\busually\b",
    r"\bregularly\b",
    r"\brepeatedly\b",
)


@dataclass(frozen=True)
class SentenceType:
    """The label a sentence gets, the cue that decided it, and how sure the rule is."""

    label: str  # ACLED sub-event type or "PLOVER:X"
    cue: str
    start: int  # offsets of the deciding expression, relative to the sentence
    end: int
    strength: float


#: Every cue in one pattern: most sentences have none, and one search says so.
#: A claim of responsibility types nothing itself but names who did the event before it,
#: so its sentence is read (parsed) too.
RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s|ing)? responsibility\b", re.I)
#: Officials blaming a party: the blamed party is the reported perpetrator when no one
#: claims the event (ACLED codes the reported actor).
BLAME = re.compile(r"\b(?:blamed|blames|blaming|held (?:\w+ ){1,6}?responsible)\b", re.I)
_ANY_CUE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in [*CUES.values(), RESPONSIBILITY, BLAME]), re.I
)


@lru_cache(maxsize=4096)
def may_report(text: str) -> bool:
    """Return True when a sentence has any event cue, so it is worth parsing and typing."""
    return _ANY_CUE.search(text) is not None


def _find(name: str, text: str) -> re.Match[str] | None:
    return CUES[name].search(text)


_MODAL = re.compile(r"\b(?:will|would|could|might|(?-i:may)(?! \d)|plans? to|intends? to)\b", re.I)
_SPEECH_ACTS = {"threaten", "concede", "agree", "request", "reject", "support", "coerce"}


def _only_modal(text: str) -> bool:
    """Return True when every background marker in the sentence is a modal verb."""
    return all(_MODAL.fullmatch(m.group(0)) for m in BACKGROUND.finditer(text))


def is_background(text: str, has_date: bool) -> bool:
    """Return True when the sentence is background, a trend, a plan or a hypothetical."""
    quotes = [(q.start(), q.end()) for q in re.finditer(r"[“\"][^”\"]*[”\"]", text)]
    # A modal inside a quote does not make the reported sentence hypothetical.
    return any(not any(a < m.start() < b for a, b in quotes) for m in BACKGROUND.finditer(text))


def type_sentence(text: str, has_date: bool = False) -> SentenceType | None:
    """Return the event type a sentence reports, or None when it reports no event."""
    if not may_report(text):
        return None
    hits = {name: m for name in CUES if (m := _find(name, text))}
    if not hits:
        return None

    def out(label: str, cue: str, strength: float) -> SentenceType:
        m = hits[cue]
        return SentenceType(label, cue, m.start(), m.end(), strength)

    background = is_background(text, has_date)
    # Who did what to whom, read without the report's source (", police said").
    core = ATTRIBUTION.sub("", text)
    armed_target = bool(ARMED_TARGET.search(core))
    state = bool(STATE_ACTOR.search(core))
    non_state = bool(NON_STATE_ACTOR.search(core) or _named_non_state().search(core))
    if "mob" in hits and not CUES["mob"].search(core):
        del hits["mob"]  # "..., a local vigilante leader said": the source, not a mob

    if "suicide" in hits:
        return out("Suicide bomb", "suicide", 0.9)
    if "chemical" in hits:
        return out("Chemical weapon", "chemical", 0.8)
    if "takeover" in hits and not background:
        if "withdraw" in hits and "clash" not in hits:
            return out("Non-violent transfer of territory", "takeover", 0.75)
        if "regain" in hits or (state and not non_state):
            return out("Government regains territory", "takeover", 0.7)
        return out("Non-state actor overtakes territory", "takeover", 0.7)
    if "regain" in hits and not background:
        return out("Government regains territory", "regain", 0.75)
    if "prison" in hits and not background and not ("clash" in hits and (state or non_state)):
        return out("Other", "prison", 0.7)
    if "emergency" in hits and not background and not ("clash" in hits or "kill" in hits):
        return out("Other", "emergency", 0.6)
    if "clash" in hits and not background and (armed_target or non_state or state):
        return out("Armed clash", "clash", 0.8)
    if "protest" not in hits and "intervention" in hits and CROWD.search(text):
        hits["protest"] = hits["intervention"]  # police dispersing a gathering: a protest
    if "protest" in hits and not background:
        if "lethal" in hits:
            return out("Excessive force against protesters", "lethal", 0.7)
        if "riot" in hits:
            return out("Violent demonstration", "riot", 0.7)
        if "intervention" in hits:
            return out("Protest with intervention", "intervention", 0.75)
        return out("Peaceful protest", "protest", 0.75)
    if "riot" in hits and not background and CROWD.search(text) and not non_state:
        return out("Violent demonstration", "riot", 0.7)
    if "mob" in hits and not background:
        return out("Mob violence", "mob", 0.65)
    if "disrupted" in hits and not background:
        return out("Disrupted weapons use", "disrupted", 0.7)
    if "air" in hits and not background:
        return out("Air/drone strike", "air", 0.85)
    if "ied" in hits and not background:
        return out("Remote explosive/landmine/IED", "ied", 0.8)
    if "grenade" in hits and not background:
        return out("Grenade", "grenade", 0.75)
    if "shelling" in hits and not background:
        return out("Shelling/artillery/missile attack", "shelling", 0.75)
    if "sexual" in hits and not background:
        return out("Sexual violence", "sexual", 0.7)
    if "retreat" in hits and re.search(r"\b(?:released|freed)\b", text, re.I):
        return out("PLOVER:RETREAT", "retreat", 0.6)  # freeing captives is no abduction
    if (
        "concede" in hits
        and "agreement" in hits
        and not re.search(r"\b(?:signed|agreed|reached|both sides|two sides)\b", text, re.I)
    ):
        return out("PLOVER:CONCEDE", "concede", 0.55)  # a one-sided ceasefire declaration
    if "abduct" in hits and not background:
        return out("Abduction/forced disappearance", "abduct", 0.75)
    if "arrest" in hits and not background:
        if non_state and not state:
            return out("Abduction/forced disappearance", "arrest", 0.7)  # codebook precedence
        return out("Arrests", "arrest", 0.65)
    if "attack" in hits and not background:
        if CIVILIAN_TARGET.search(core) and not armed_target:
            return out("Attack", "attack", 0.7)
        if armed_target and (non_state or state):
            return out("Armed clash", "attack", 0.65)
    if "kill" in hits and not background:
        if armed_target and non_state and not CIVILIAN_TARGET.search(core):
            return out("Armed clash", "kill", 0.55)
        return out("Attack", "kill", 0.6)
    if "looting" in hits and not background:
        return out("Looting/property destruction", "looting", 0.6)
    if "agreement" in hits and not background:
        return out("Agreement", "agreement", 0.75)
    if "base" in hits and not background:
        return out("Headquarters or base established", "base", 0.6)
    if "change" in hits and not background:
        return out("Change to group/activity", "change", 0.55)
    # Promises, threats, demands and refusals are acts of speech about the future: a modal
    # ("will withdraw", "would attack") is their nature, not a sign of a hypothetical.
    if background and not _only_modal(text):
        return None
    if background:
        hits = {k: v for k, v in hits.items() if k in _SPEECH_ACTS}
    for cue, label in (
        ("consult", "PLOVER:CONSULT"),
        ("threaten", "PLOVER:THREATEN"),
        ("sanction", "PLOVER:SANCTION"),
        ("aid", "PLOVER:AID"),
        ("reject", "PLOVER:REJECT"),
        ("accuse", "PLOVER:ACCUSE"),
        ("request", "PLOVER:REQUEST"),
        ("concede", "PLOVER:CONCEDE"),
        ("retreat", "PLOVER:RETREAT"),
        ("coerce", "PLOVER:COERCE"),
        ("mobilize", "PLOVER:MOBILIZE"),
        ("cooperate", "PLOVER:COOPERATE"),
        ("support", "PLOVER:SUPPORT"),
        ("agree", "PLOVER:AGREE"),
    ):
        if cue in hits:
            return out(label, cue, 0.55)
    return None


#: The cues that speak for each label (as the rules above use them), for placing the
#: trigger of a label the classifier chose.
LABEL_CUES: dict[str, tuple[str, ...]] = {
    "Suicide bomb": ("suicide",),
    "Chemical weapon": ("chemical",),
    "Non-violent transfer of territory": ("withdraw", "takeover", "retreat"),
    "Government regains territory": ("regain", "takeover"),
    "Non-state actor overtakes territory": ("takeover",),
    "Other": ("prison", "emergency", "coerce"),
    "Armed clash": ("clash", "attack", "kill"),
    "Excessive force against protesters": ("lethal", "protest"),
    "Violent demonstration": ("riot", "protest"),
    "Protest with intervention": ("intervention", "protest"),
    "Peaceful protest": ("protest",),
    "Mob violence": ("mob", "kill", "attack"),
    "Disrupted weapons use": ("disrupted",),
    "Air/drone strike": ("air",),
    "Remote explosive/landmine/IED": ("ied",),
    "Grenade": ("grenade",),
    "Shelling/artillery/missile attack": ("shelling",),
    "Sexual violence": ("sexual",),
    "Abduction/forced disappearance": ("abduct", "arrest"),
    "Arrests": ("arrest",),
    "Attack": ("attack", "kill"),
    "Looting/property destruction": ("looting",),
    "Agreement": ("agreement", "agree"),
    "Headquarters or base established": ("base",),
    "Change to group/activity": ("change", "mobilize"),
}


def type_as(label: str, text: str, strength: float) -> SentenceType:
    """Return the sentence typed as label, its trigger at the label's own cue if it has one."""
    names = LABEL_CUES.get(label) or (label.split(":", 1)[-1].lower(),)
    for name in names:
        if name in CUES and (m := CUES[name].search(text)):
            return SentenceType(label, name, m.start(), m.end(), strength)
    m = _ANY_CUE.search(text)
    if m is not None:
        return SentenceType(label, "any", m.start(), m.end(), strength)
    return SentenceType(label, "model", 0, 0, strength)
