"""Generated demo articles: enough of an archive for pagination, sections and days.

Every one is marked as generated in its title and body. They are deterministic
(a fixed seed), in English, and all older than the reference articles.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PLACES = [
    "Astana",
    "Almaty",
    "Shymkent",
    "Karaganda",
    "Aktobe",
    "Pavlodar",
    "Atyrau",
    "Kostanay",
    "Turkistan",
    "Oskemen",
]
PARTNERS = [
    "Uzbekistan",
    "China",
    "Türkiye",
    "Germany",
    "Korea",
    "Japan",
    "Azerbaijan",
    "France",
    "India",
    "Kyrgyzstan",
]

SUBJECTS = {
    "politics": [
        "Senate committee reviews draft law on {topic} with {partner}",
        "Foreign ministers of Kazakhstan and {partner} discuss {topic}",
        "{place} hosts consultations on {topic}",
        "Government approves road map on {topic}",
    ],
    "economy": [
        "{place} region reports growth in {topic}",
        "New {topic} plant opens near {place}",
        "Kazakhstan and {partner} sign agreement on {topic}",
        "National Bank comments on {topic}",
    ],
    "society": [
        "{place} schools introduce programme on {topic}",
        "Volunteers in {place} launch project on {topic}",
        "Residents of {place} discuss plans for {topic}",
        "Ministry publishes new rules on {topic}",
    ],
    "culture": [
        "{place} theatre premieres a play about {topic}",
        "Exhibition on {topic} opens in {place}",
        "Festival of {topic} gathers artists from {partner}",
        "Museum in {place} restores collection on {topic}",
    ],
    "world": [
        "{partner} announces new measures on {topic}",
        "Summit in {partner} focuses on {topic}",
        "Experts from {partner} assess {topic}",
        "International forum on {topic} closes in {partner}",
    ],
    "science": [
        "Scientists in {place} study {topic}",
        "University team from {place} wins grant for research on {topic}",
        "Joint laboratory with {partner} to work on {topic}",
        "Researchers publish findings on {topic}",
    ],
    "sport": [
        "Kazakh athletes win medals at {topic} championship in {partner}",
        "{place} to host national {topic} tournament",
        "National {topic} team names squad for matches with {partner}",
        "Young {topic} players from {place} train at new centre",
    ],
}
TOPICS = {
    "politics": ["digital government", "water resources", "border crossings", "civil service", "local elections"],
    "economy": ["grain exports", "renewable energy", "transit logistics", "small business lending", "tourism"],
    "society": ["road safety", "school meals", "public transport", "winter heating", "healthcare access"],
    "culture": ["nomad heritage", "contemporary art", "folk music", "national cinema", "classical ballet"],
    "world": ["climate finance", "food security", "trade routes", "migration", "energy prices"],
    "science": ["glacier retreat", "steppe ecology", "space weather", "artificial intelligence", "seismic risk"],
    "sport": ["boxing", "wrestling", "cycling", "ice hockey", "judo"],
}
TAGS = {
    "politics": ["diplomacy", "parliament", "government"],
    "economy": ["investment", "exports", "energy"],
    "society": ["education", "healthcare", "transport"],
    "culture": ["theatre", "music", "museums"],
    "world": ["diplomacy", "climate", "trade"],
    "science": ["research", "space weather", "universities"],
    "sport": ["championships", "Olympic sports"],
}
AUTHORS = ["Aliya Nurlanova", "Daniyar Sadykov", "Marina Kim", "Yerlan Tulegenov"]
MARKER = "Generated demo article"


@dataclass
class GeneratedArticle:
    title: str
    section: str
    published_at: datetime
    lead: str
    paragraphs: list[str]
    tags: list[str]
    author: str
    has_photo: bool
    views: int
    daily_views: dict[date, int]


def generate(*, count: int, newest_day: date, days: int, zone: ZoneInfo, seed: int = 2025) -> list[GeneratedArticle]:
    """`count` articles spread over the `days` days ending with `newest_day`, in the agency's zone."""
    rng = random.Random(seed)
    sections = list(SUBJECTS)
    articles = []
    for n in range(count):
        section = sections[n % len(sections)]
        day = newest_day - timedelta(days=rng.randrange(days))
        at = datetime.combine(day, time(rng.randrange(8, 22), rng.randrange(60)), tzinfo=zone)
        topic = rng.choice(TOPICS[section])
        headline = rng.choice(SUBJECTS[section]).format(
            topic=topic, place=rng.choice(PLACES), partner=rng.choice(PARTNERS)
        )
        headline = headline[0].upper() + headline[1:]
        views = min(60_000, int(rng.lognormvariate(math.log(2500), 0.9)))
        articles.append(
            GeneratedArticle(
                title=f"Demo: {headline}",
                section=section,
                published_at=at,
                lead=f"{MARKER} no. {n + 1} about {topic}.",
                paragraphs=[
                    f"{MARKER}. This story does not report real events: Newsdesk generates it so that the demo "
                    f"edition has an archive to page through.",
                    f"It belongs to the {section} section and is about {topic}. Its date, time and view count are "
                    f"random but plausible.",
                    "Real stories in the demo come from the reference page of a news agency site and keep their "
                    "original texts.",
                ],
                tags=rng.sample(TAGS[section], k=min(2, len(TAGS[section]))),
                author=rng.choice(AUTHORS),
                has_photo=rng.random() < 0.35,
                views=views,
                daily_views=_daily_history(views, at, zone, rng),
            )
        )
    return articles


def _daily_history(views: int, published_at: datetime, zone: ZoneInfo, rng: random.Random) -> dict[date, int]:
    """Views per local day over the first three weeks: most on the first days."""
    first = published_at.astimezone(zone).date()
    span = 21
    weights = [math.exp(-d / rng.uniform(1.5, 3.5)) for d in range(span)]
    total = sum(weights)
    counts = [int(views * w / total) for w in weights]
    counts[0] += views - sum(counts)
    return {first + timedelta(days=d): c for d, c in enumerate(counts) if c}
