"""A catalogue of N entries shaped like the published pytorch.org ones, to time the import.

    python -m tests.posters.catalogue_bench 10000 /tmp/cat10k.json   (or .yaml, .csv)

Each entry has a unique board code and title, a description of 500 to 1,500 characters,
one to six authors and one to three of twelve topics; one link in ten has no scheme
(read as https://), as in the real files.
"""

import json
import os
import random
import sys

TOPICS = [
    "Compiler & Transform & Production",
    "Database & AI Accelerators",
    "Distributed Training",
    "Performance & Profiler",
    "Frontend & Experiment Manager",
    "Medical & Healthcare",
    "NLP & Multimodal, RAI & Theory",
    "Vision",
    "Audio",
    "Reinforcement learning",
    "Graph neural networks",
    "Mobile",
]
WORDS = [
    "tensor",
    "model",
    "training",
    "inference",
    "graph",
    "compiler",
    "kernel",
    "quantization",
    "pipeline",
    "data",
    "accelerator",
    "gradient",
    "distributed",
    "memory",
    "throughput",
    "latency",
    "library",
    "research",
    "open",
    "source",
    "deployment",
    "benchmark",
    "operator",
    "autograd",
    "module",
    "dataset",
    "sparse",
    "mixed",
    "precision",
]
NAMES = [
    "Ada",
    "Alan",
    "Grace",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Radia",
    "Tim",
    "Margaret",
    "Yukihiro",
]
SURNAMES = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Perlman",
    "Lee",
]


def board_code(number):
    """0 → A1 … 998 → A999, 999 → B1 …: rows of 999 boards, row letters A to ZZZ."""
    row, board = divmod(number, 999)
    letters = ""
    row += 1
    while row:
        row, rest = divmod(row - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{board + 1}"


def entries(count, seed=2021):
    rng = random.Random(seed)
    for number in range(count):
        words = rng.randint(70, 210)
        description = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
        link = f"https://github.com/example/project-{number}"
        if number % 10 == 3:
            link = f"www.example-{number}.org/project"
        yield {
            "title": f"Project {number}: {' '.join(rng.sample(WORDS, 4))}",
            "description": description,
            "authors": [
                f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 6))
            ],
            "categories": rng.sample(TOPICS, rng.randint(1, 3)),
            "link": link,
            "section": board_code(number),
            "poster_link": f"https://assets.example.org/posters/{number}.png",
            "thumbnail_link": f"https://assets.example.org/posters/thumb-{number}.png",
        }


def write(count, path):
    """The catalogue of `count` entries at `path`, in the format its extension names."""
    from posters import catalogue_file

    items = list(entries(count))
    kind = catalogue_file.format_of(path)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        if kind == "csv":
            catalogue_file.write_csv(items, stream)
        elif kind == "json":
            json.dump(items, stream, ensure_ascii=False, indent=2)
        else:
            stream.write(catalogue_file.dump_yaml(items))


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecosystem_day.settings")
    django.setup()
    write(int(sys.argv[1]), sys.argv[2])
