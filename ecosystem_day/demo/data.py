"""The facts of PyTorch Ecosystem Day 2021, as announced, plus demo people and proposals.

Everything seed_demo loads is here, so that the command itself reads as the steps.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from posters.models import PosterProposal

EVENT_ZONE = ZoneInfo("America/Los_Angeles")
SLUG = "2021"

DESCRIPTION = """\
Our first PyTorch Ecosystem Day: a virtual, one-day event for the ecosystem and industry \
communities to showcase their work and discover new opportunities to collaborate.

A day filled with discussions on new developments, trends, challenges and best practices \
through keynotes, breakout sessions, and a networking space.

Two sessions, so that the whole community can join:
• Morning session (EMEA): opening talks 8:00–9:00 am PT; poster exhibition and breakout \
sessions 9:00 am–12:00 pm PT.
• Evening session (APAC / US): opening talks 3:00–4:00 pm PT; poster exhibition and \
breakout sessions 3:00–6:00 pm PT.
• Networking all day, 9:00 am–7:00 pm PT.

Two ways to take part:
1. The poster exhibition: posters are on view for the whole event. If yours is accepted, \
we highly recommend tending it during the morning or evening session, or both.
2. Breakout sessions: 40-minute sessions freely designed by the community: talks, demos, \
tutorials or discussions. You must have an accepted poster to apply for a breakout."""

# The next edition's own words: starting it asks for every text worded for one year.
NEXT_DESCRIPTION = DESCRIPTION.replace(
    "Our first PyTorch Ecosystem Day", "PyTorch Ecosystem Day is back"
)

CALL = """\
Please send us the title and summary of your projects, tools and libraries that could \
benefit PyTorch researchers in academia and industry, application developers and ML engineers.

The focus must be on academic papers, machine learning research, or open-source projects.

Please no sales pitches."""

TOPICS = [
    "Multimodal",
    "NLP",
    "Compilers",
    "Distributed training",
    "Researcher productivity tools",
    "AI accelerators",
    "Computer vision",
    "Audio and speech",
    "Other",
]

PASSWORDS = {
    "organizer@example.com": "organize-ecosystem-2021",
    "reviewer@example.com": "review-ecosystem-2021",
    "submitter@example.com": "submit-ecosystem-2021",
}

LOREM = (
    " It is released under an open-source licence, documented with tutorials, and used by "
    "research groups and companies; the poster explains its design, benchmarks against the "
    "usual baselines, and what we learned maintaining it with the PyTorch community."
)

# (submitter email, title, authors, topic, link, status)
PROPOSALS = [
    (
        "submitter@example.com",
        "TorchMultimodal Lab: joint image and text pre-training at small scale",
        "Sam Submitter\nRiya Patel",
        "Multimodal",
        "https://github.com/example/mm-lab",
        PosterProposal.Status.SUBMITTED,
    ),
    (
        "submitter@example.com",
        "Tokenizers that stream: fast NLP preprocessing in PyTorch DataPipes",
        "Sam Submitter",
        "NLP",
        "https://arxiv.org/abs/2101.00001",
        PosterProposal.Status.ACCEPTED,
    ),
    (
        "submitter@example.com",
        "A TorchScript pass for fusing attention kernels",
        "Sam Submitter\nLee Chen",
        "Compilers",
        "",
        PosterProposal.Status.WAITLISTED,
    ),
    (
        "submitter@example.com",
        "Elastic training on pre-emptible clusters",
        "Sam Submitter",
        "Distributed training",
        "",
        PosterProposal.Status.REJECTED,
    ),
    (
        "submitter@example.com",
        "Notebook-to-package: reproducible research workflows",
        "Sam Submitter",
        "Researcher productivity tools",
        "",
        PosterProposal.Status.WITHDRAWN,
    ),
    (
        "ana@example.com",
        "Quantization-aware training for edge AI accelerators",
        "Ana Souza\nKenji Watanabe",
        "AI accelerators",
        "https://github.com/example/qat-edge",
        PosterProposal.Status.SUBMITTED,
    ),
    (
        "ana@example.com",
        "Speech recognition recipes with torchaudio",
        "Ana Souza",
        "Audio and speech",
        "",
        PosterProposal.Status.SUBMITTED,
    ),
    (
        "kofi@example.com",
        "Self-supervised vision models for satellite imagery",
        "Kofi Mensah\nElena Rossi",
        "Computer vision",
        "https://github.com/example/geo-ssl",
        PosterProposal.Status.ACCEPTED,
    ),
]


# The programme as announced (Pacific Time, April 21, 2021).
DAY = date(2021, 4, 21)
TRACKS = [
    # slug, name, when the session runs (opening talks included), its breakout window
    ("morning", "Morning (EMEA)", (time(8), time(12)), (time(9), time(12))),
    ("evening", "Evening (APAC / US)", (time(15), time(18)), (time(15), time(18))),
]
# The main stage is a livestream anyone may watch; the other rooms are for registered attendees.
PUBLIC_ROOMS = {"Main stage"}
CODE_OF_CONDUCT = "https://github.com/pytorch/pytorch/blob/main/CODE_OF_CONDUCT.md"
ROOMS = [
    ("Main stage", "https://live.example.org/ecosystem-day-2021/main-stage"),
    ("Poster hall", "https://gather.example.org/ecosystem-day-2021/poster-hall"),
    ("Networking lounge", "https://gather.example.org/ecosystem-day-2021/lounge"),
    ("Breakout room 1", "https://meet.example.org/ecosystem-day-2021/breakout-1"),
    ("Breakout room 2", "https://meet.example.org/ecosystem-day-2021/breakout-2"),
    ("Breakout room 3", "https://meet.example.org/ecosystem-day-2021/breakout-3"),
    ("Breakout room 4", "https://meet.example.org/ecosystem-day-2021/breakout-4"),
]
KEYNOTES = (
    "Keynotes sharing updates from the latest release of PyTorch, exciting work being done "
    "with partners, a use case example from Disney, the growth and development of the "
    "PyTorch community in Asia Pacific, and the latest contributor highlights."
)
PROGRAMME = [
    # kind, title, track slug, room, start, end, recording
    (
        "opening",
        "Morning opening talks",
        "morning",
        "Main stage",
        time(8),
        time(9),
        "https://www.youtube.com/watch?v=MYE01-XaSZA",
    ),
    (
        "posters",
        "Poster exhibition & breakout sessions",
        "morning",
        "Poster hall",
        time(9),
        time(12),
        "",
    ),
    (
        "opening",
        "Evening opening talks",
        "evening",
        "Main stage",
        time(15),
        time(16),
        "https://www.youtube.com/watch?v=CjU_6OaYKpw",
    ),
    (
        "posters",
        "Poster exhibition & breakout sessions",
        "evening",
        "Poster hall",
        time(15),
        time(18),
        "",
    ),
    ("networking", "Networking", None, "Networking lounge", time(9), time(19), ""),
]
KEYNOTE_SPEAKERS = [
    "Piotr Bialecki",
    "Ritchie Ng",
    "Miquel Farré",
    "Joe Spisak",
    "Geeta Chauhan",
    "Suraj Subramanian",
]
# 40-minute breakouts in four rooms, four slots in each session's three-hour window.
BREAKOUT_ROOMS = ["Breakout room 1", "Breakout room 2", "Breakout room 3", "Breakout room 4"]
ACCEPTED_POSTERS = 71
SCHEDULED_BREAKOUTS = 32

SUBJECTS = {
    "Multimodal": [
        "vision-language retrieval",
        "audio-visual speech models",
        "video captioning",
        "image-text contrastive pre-training",
        "multimodal document understanding",
        "text-to-image evaluation",
        "multimodal sentiment analysis",
        "visual question answering",
        "cross-modal hashing",
        "multimodal medical imaging",
    ],
    "NLP": [
        "streaming tokenization",
        "low-resource machine translation",
        "sparse attention for long documents",
        "named-entity recognition in clinical notes",
        "question answering over tables",
        "efficient transformer fine-tuning",
        "multilingual sentence embeddings",
        "summarization evaluation",
        "speech-to-text for code-switching",
        "dialogue state tracking",
    ],
    "Compilers": [
        "TorchScript graph fusion",
        "ahead-of-time export for mobile",
        "operator autotuning",
        "FX graph transformations",
        "quantized kernel generation",
        "memory planning for inference",
        "custom operators in C++",
        "graph-level dead code elimination",
        "dynamic shape specialization",
        "MLIR lowering experiments",
    ],
    "Distributed training": [
        "elastic training on spot instances",
        "pipeline parallelism",
        "ZeRO-style sharded optimizers",
        "RPC-based parameter servers",
        "gradient compression",
        "fault-tolerant data loaders",
        "mixed-precision at scale",
        "federated learning simulation",
        "hierarchical all-reduce",
        "large-batch optimizers",
    ],
    "Researcher productivity tools": [
        "experiment tracking",
        "reproducible configs",
        "hyper-parameter search",
        "dataset versioning",
        "notebook-to-package workflows",
        "unit tests for models",
        "profiling training loops",
        "model cards",
        "lightweight training loops",
        "visual debugging",
    ],
    "AI accelerators": [
        "quantization-aware training for edge devices",
        "FPGA inference backends",
        "TPU training recipes",
        "sparse kernels on GPUs",
        "energy-aware scheduling",
        "IPU graph partitioning",
        "pruning for microcontrollers",
        "on-device speech recognition",
        "accelerator-agnostic runtimes",
        "low-precision arithmetic studies",
    ],
    "Computer vision": [
        "self-supervised satellite imagery",
        "3D point cloud segmentation",
        "real-time pose estimation",
        "medical image registration",
        "few-shot object detection",
        "neural radiance fields",
        "video action recognition",
        "document layout analysis",
        "image restoration",
        "domain adaptation for driving scenes",
    ],
}
PATTERNS = [
    "A PyTorch library for {}",
    "{}: an open-source toolkit",
    "Benchmarking {}",
    "Scaling {} with PyTorch",
    "{} in practice",
    "Lessons from {}",
    "A research framework for {}",
    "{} made simple",
    "Reproducible {}",
    "{}: from paper to production",
]
FIRST_NAMES = [
    "Aisha",
    "Bruno",
    "Chen",
    "Dara",
    "Elif",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kavya",
    "Liam",
    "Mei",
    "Nuno",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Vera",
    "Wen",
    "Yara",
    "Zoltan",
]
LAST_NAMES = [
    "Okafor",
    "Silva",
    "Wang",
    "Nguyen",
    "Yilmaz",
    "Haddad",
    "Larsen",
    "Tanaka",
    "Moreau",
    "Becker",
    "Iyer",
    "Murphy",
    "Lin",
    "Costa",
    "Ivanova",
    "Novak",
    "Reyes",
    "Garcia",
    "Berg",
    "Rahman",
    "Patel",
    "Kowalski",
    "Zhou",
    "Mansour",
    "Szabo",
]


def generated_posters(count, first=0):
    """Deterministic accepted posters for the catalogue: (title, authors, topic)."""
    topics = list(SUBJECTS)
    for n in range(first, first + count):
        topic = topics[n % len(topics)]
        subject = SUBJECTS[topic][(n // len(topics)) % len(SUBJECTS[topic])]
        title = PATTERNS[n % len(PATTERNS)].format(subject)
        title = title[0].upper() + title[1:]
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        second = FIRST_NAMES[(n * 7 + 3) % len(FIRST_NAMES)]
        authors = [f"{first} {LAST_NAMES[(n * 3) % len(LAST_NAMES)]}"]
        coauthor = f"{second} {LAST_NAMES[(n * 5 + 1) % len(LAST_NAMES)]}"
        if n % 3 and coauthor != authors[0]:
            authors.append(coauthor)
        yield title, "\n".join(authors), topic


def on_the_day(moment):
    return datetime.combine(DAY, moment, tzinfo=EVENT_ZONE)
