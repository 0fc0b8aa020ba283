"""A call of thousands for `bench_pages --posters N`: the current edition grown to N accepted
posters, written in bulk (a benchmark's data, not a path organizers use)."""

import random

from ecosystem_day.event.models import PublicVersion
from posters.models import ACCEPTED_STATES, PosterProposal

GIVEN = [
    "Aiko",
    "Amara",
    "Ana",
    "Ben",
    "Chen",
    "Dara",
    "Elif",
    "Emil",
    "Farah",
    "Giulia",
    "Hana",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Luis",
    "Maya",
    "Mei",
    "Nadia",
    "Noah",
    "Omar",
    "Priya",
    "Ravi",
    "Sara",
    "Sofia",
    "Tariq",
    "Uma",
    "Vera",
    "Wei",
    "Yuki",
    "Zara",
    "Zoe",
]
FAMILY = [
    "Abe",
    "Berg",
    "Costa",
    "Diaz",
    "Eze",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kim",
    "Kowalski",
    "Li",
    "Mehta",
    "Moreau",
    "Nakamura",
    "Novak",
    "Okafor",
    "Park",
    "Quinn",
    "Rossi",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Tanaka",
    "Ueda",
    "Vogel",
    "Wang",
    "Weber",
    "Xu",
    "Yamada",
    "Zhang",
]
WORDS = [
    "tensor",
    "graph",
    "compiler",
    "sparse",
    "distributed",
    "quantized",
    "mobile",
    "vision",
    "audio",
    "language",
    "model",
    "training",
    "inference",
    "kernel",
    "federated",
    "robust",
    "explainable",
    "scalable",
    "benchmark",
    "library",
    "toolkit",
]


def grow_catalogue(event, total, seed=2021):
    """Accepted posters until the edition has `total`, one to four authors each, drawn from
    about 27,000 names: most people sign one poster, some several, as in a real call."""
    accepted = PosterProposal.objects.filter(event=event, status__in=ACCEPTED_STATES)
    missing = total - accepted.count()
    if missing <= 0:
        return 0
    draw = random.Random(seed)
    topics = list(event.topics.all())
    names = [
        f"{given} {initial}. {family}"
        for given in GIVEN
        for initial in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for family in FAMILY
    ]
    posters = []
    for number in range(missing):
        words = draw.sample(WORDS, 4)
        posters.append(
            PosterProposal(
                event=event,
                status=PosterProposal.Status.ACCEPTED,
                title=f"{' '.join(words).capitalize()} {number}",
                summary=" ".join(draw.choices(WORDS, k=60)).capitalize() + ".",
                authors="\n".join(draw.sample(names, draw.randint(1, 4))),
                topic=draw.choice(topics),
            )
        )
    PosterProposal.objects.bulk_create(posters, batch_size=1000)
    PublicVersion.bump(event.pk)
    return missing
