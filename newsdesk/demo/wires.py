"""The demo's wires: a feed the demo serves itself and a drop folder it fills, so that a
new user sees the Incoming desk fill within a minute of `make demo`.

The feed (`/demo/wire.xml`) is RSS 2.0 from a demo ministry: each five-minute slot of the
clock has its press release (the texts below, in turn; its id from the slot, so it stays
the same within the slot), the feed lists the newest six, and a briefing whose text changes
every ten minutes shows the desk's "updated". It answers If-None-Match with 304, as the
worker's conditional requests expect. The drop folder gets files in the IPTC formats
(ninjs 2.x and 3.x, a NewsML-G2 news item and a news message) written at load time, and,
when the shared samples are beside the checkout, copies of IPTC's sample files (kept
outside the repository; only their copies go into the demo's data folder).

Every text here is demo material written for Newsdesk, and says so: no ministry or agency
said any of it.
"""

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from newsdesk.content.models import Source
from newsdesk.wires.models import WireFeed, WireFormat, WireSource

FEED_PATH = "/demo/wire.xml"
FEED_WIRE = "MFA press releases (demo feed)"
DROP_WIRE = "Demo agency in IPTC formats (demo drop folder)"
DROP_FOLDER = "demo-iptc"
SLOT_SECONDS = 5 * 60
SLOTS_LISTED = 6
UPDATE_SECONDS = 10 * 60
LICENCE = "Demo texts written for the Newsdesk demo: free to use in the demo, with attribution."

FEED_SOURCE = {
    "name_en": "Ministry of Foreign Affairs of the Republic of Kazakhstan (demo wire)",
    "name_ru": "Министерство иностранных дел Республики Казахстан (демо-лента)",
    "name_kk": "Қазақстан Республикасы Сыртқы істер министрлігі (демо-таспа)",
    "url": "https://www.gov.kz/memleket/entities/mfa",
}
DROP_SOURCE = {
    "name_en": "Steppe Wire (demo agency)",
    "name_ru": "Steppe Wire (демо-агентство)",
    "name_kk": "Steppe Wire (демо-агенттік)",
    "url": "",
}
# The last paragraph of every demo text, with the time it was "sent".
DEMO_NOTE = {
    "en": "Demo press release written for the Newsdesk demo, not a statement of the Ministry ({at}).",
    "ru": "Демонстрационный пресс-релиз, написанный для демо-версии Newsdesk, а не заявление министерства ({at}).",
    "kk": "Newsdesk демо-нұсқасы үшін жазылған демонстрациялық пресс-релиз, министрліктің мәлімдемесі емес ({at}).",
}
AGENCY_NOTE = {
    "en": "Demo story written for the Newsdesk demo: the agency and the events are invented.",
    "ru": "Демонстрационный материал для демо-версии Newsdesk: агентство и события вымышлены.",
    "kk": "Newsdesk демо-нұсқасына арналған демонстрациялық материал: агенттік пен оқиғалар ойдан алынған.",
}


@dataclass(frozen=True)
class Release:
    language: str
    title: str
    lead: str
    paragraphs: tuple[str, ...]


# The feed's press releases, one per five-minute slot in turn.
RELEASES = (
    Release(
        "en",
        "Kazakhstan and Uzbekistan set the date of the joint water commission's spring session",
        "Deputy foreign ministers of the two countries met in Astana to prepare the session.",
        (
            "The sides agreed that the commission will meet in Tashkent in April to review water "
            "allocations on transboundary rivers for the growing season.",
            "They also discussed shared monitoring stations and the exchange of hydrological data.",
        ),
    ),
    Release(
        "ru",
        "В МИД РК прошли политические консультации с делегацией Монголии",
        "Стороны обсудили подготовку к заседанию межправительственной комиссии и развитие транзитных перевозок.",
        (
            "Заместители министров иностранных дел отметили рост товарооборота и договорились "
            "ускорить работу над соглашением о международных автомобильных перевозках.",
            "Следующий раунд консультаций пройдёт в Улан-Баторе.",
        ),
    ),
    Release(
        "kk",
        "Сыртқы істер министрлігінде Түркия делегациясымен консультациялар өтті",
        "Тараптар сауда-экономикалық ынтымақтастық пен мәдени байланыстарды дамыту мәселелерін талқылады.",
        (
            "Кездесуде екі елдің білім беру және туризм салаларындағы бірлескен жобалары қаралды.",
            "Келесі консультациялар Анкарада өтеді деп келісілді.",
        ),
    ),
    Release(
        "en",
        "Consular service opens online appointments in three more countries",
        "Citizens abroad can now book a visit to the consulate on the e-government portal.",
        (
            "The service, already available in Germany and Türkiye, now covers the consulates in "
            "Poland, the Republic of Korea and the United Arab Emirates.",
            "Applicants choose a date and time and receive a confirmation by text message.",
        ),
    ),
    Release(
        "ru",
        "Казахстанские дипломаты провели брифинг для иностранных журналистов",
        "Речь шла о подготовке к международной конференции по продовольственной безопасности в Астане.",
        (
            "Представители министерства рассказали о программе конференции и порядке аккредитации прессы.",
            "Заявки на аккредитацию принимаются до конца месяца.",
        ),
    ),
    Release(
        "kk",
        "Шетелдегі отандастарға консулдық қызмет көрсету жеңілдейді",
        "Министрлік консулдық есепке тұру үшін онлайн өтінім беру мүмкіндігін кеңейтті.",
        (
            "Енді өтінімді электрондық үкімет порталы арқылы тәулік бойы жіберуге болады.",
            "Құжаттар дайын болғанда өтініш берушіге хабарлама келеді.",
        ),
    ),
)
# The briefing that the wire updates: the same item, a new text every ten minutes.
BRIEFING_GUID = "urn:newsdesk-demo:mfa:weekly-briefing"
BRIEFING_TITLE = "The Ministry's spokesperson holds the weekly briefing"
BRIEFING_STEPS = (
    "The briefing has begun; the spokesperson opened with the week's visits abroad.",
    "The spokesperson has outlined the agenda of next week's talks in Brussels.",
    "Questions from journalists on the consular service abroad are being answered.",
    "The spokesperson has commented on preparations for the food security conference.",
    "The briefing is over; its transcript will be published on the Ministry's website.",
    "The next briefing is announced for the same time next week.",
)


def _stamp(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _body(paragraphs: tuple[str, ...], note: str) -> str:
    """Paragraphs of plain text as HTML, the demo note last."""
    return "".join(f"<p>{escape(p)}</p>" for p in (*paragraphs, note))


def _item(channel: ET.Element, *, guid: str, language: str, title: str, lead: str, body: str, at: datetime) -> None:
    item = ET.SubElement(channel, "item", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    ET.SubElement(item, "title").text = title
    ET.SubElement(item, "description").text = lead
    ET.SubElement(item, "{http://purl.org/rss/1.0/modules/content/}encoded").text = body
    ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = guid
    ET.SubElement(item, "pubDate").text = format_datetime(at.astimezone(UTC))
    ET.SubElement(item, "{http://purl.org/dc/elements/1.1/}creator").text = "Press service (demo)"


def feed_document(now: datetime) -> bytes:
    """The feed as it stands at `now`: the newest six slots' releases, newest first, and the briefing."""
    ET.register_namespace("content", "http://purl.org/rss/1.0/modules/content/")
    ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = "MFA of Kazakhstan: press releases (Newsdesk demo feed)"
    ET.SubElement(channel, "link").text = settings.SITE_URL + "/"
    ET.SubElement(channel, "description").text = (
        "A demo feed served by Newsdesk itself: short press releases written for the demo, "
        "not statements of the Ministry. A new one every five minutes."
    )
    ET.SubElement(channel, "copyright").text = LICENCE
    newest = int(now.timestamp()) // SLOT_SECONDS
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(datetime.fromtimestamp(newest * SLOT_SECONDS, UTC))
    step = int(now.timestamp()) // UPDATE_SECONDS
    step_at = datetime.fromtimestamp(step * UPDATE_SECONDS, UTC)
    _item(
        channel,
        guid=BRIEFING_GUID,
        language="en",
        title=BRIEFING_TITLE,
        lead=BRIEFING_STEPS[step % len(BRIEFING_STEPS)],
        body=_body((BRIEFING_STEPS[step % len(BRIEFING_STEPS)],), DEMO_NOTE["en"].format(at=_stamp(step_at))),
        at=step_at,
    )
    for slot in range(newest, newest - SLOTS_LISTED, -1):
        release, at = RELEASES[slot % len(RELEASES)], datetime.fromtimestamp(slot * SLOT_SECONDS, UTC)
        _item(
            channel,
            guid=f"urn:newsdesk-demo:mfa:release:{slot}",
            language=release.language,
            title=release.title,
            lead=release.lead,
            # The time in the note makes each slot's text its own, so it is not folded into an older slot's.
            body=_body(release.paragraphs, DEMO_NOTE[release.language].format(at=_stamp(at))),
            at=at,
        )
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="utf-8", xml_declaration=False)


@require_safe
def demo_wire(request: HttpRequest) -> HttpResponse:
    """The demo's RSS feed; 304 when the poller already has this version (If-None-Match)."""
    content = feed_document(timezone.now())
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    response = HttpResponse(content, content_type="application/rss+xml; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response) or response


# The drop folder's files: the same kind of demo stories, in the IPTC formats.


def _ninjs_2(now: datetime) -> dict:
    return {
        "uri": "urn:newsdesk-demo:steppe-wire:grain-exports",
        "type": "text",
        "version": "1",
        "firstcreated": now.isoformat(timespec="seconds"),
        "versioncreated": now.isoformat(timespec="seconds"),
        "pubstatus": "usable",
        "copyrightholder": DROP_SOURCE["name_en"],
        "copyrightnotice": LICENCE,
        "language": "ru",
        "by": "Служба новостей Steppe Wire (демо)",
        "headlines": [{"role": "main", "value": "Экспорт зерна через порт Актау вырос на четверть"}],
        "descriptions": [
            {
                "role": "summary",
                "contenttype": "text/plain",
                "value": "Порт отправил на Каспий рекордный объём пшеницы за осенние месяцы.",
            }
        ],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": _body(
                    (
                        "По данным порта, большая часть зерна ушла в Иран и Азербайджан.",
                        "В следующем году порт планирует открыть ещё один зерновой терминал.",
                    ),
                    AGENCY_NOTE["ru"],
                ),
            }
        ],
    }


def _ninjs_3(now: datetime) -> dict:
    return {
        "uri": "urn:newsdesk-demo:steppe-wire:almaty-metro",
        "type": "text",
        "version": "1",
        "firstCreated": now.isoformat(timespec="seconds"),
        "versionCreated": now.isoformat(timespec="seconds"),
        "pubStatus": "usable",
        "copyrightHolder": DROP_SOURCE["name_en"],
        "copyrightNotice": LICENCE,
        "language": "kk",
        "by": "Steppe Wire жаңалықтар қызметі (демо)",
        "headlines": [{"role": "main", "value": "Алматы метросында жаңа екі бекет ашылады"}],
        "descriptions": [
            {
                "role": "summary",
                "contentType": "text/plain",
                "value": "Бекеттер қаланың батыс бөлігіндегі тұрғындарға қызмет көрсетеді.",
            }
        ],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": _body(
                    (
                        "Құрылысшылардың айтуынша, бекеттердегі әрлеу жұмыстары аяқталуға жақын.",
                        "Жолаушылар жаңа бекеттерді көктемде пайдалана алады.",
                    ),
                    AGENCY_NOTE["kk"],
                ),
            }
        ],
    }


NAR = "http://iptc.org/std/nar/2006-10-01/"


def _news_item(*, guid: str, language: str, title: str, lead: str, paragraphs: tuple[str, ...], now: str) -> str:
    body, title, lead = _body(paragraphs, AGENCY_NOTE[language]), escape(title), escape(lead)
    return f"""<newsItem xmlns="{NAR}" guid="{guid}" version="1" standard="NewsML-G2" standardversion="2.35"
    conformance="power" xml:lang="{language}">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <rightsInfo>
    <copyrightHolder><name>{DROP_SOURCE["name_en"]}</name></copyrightHolder>
    <copyrightNotice>{LICENCE}</copyrightNotice>
  </rightsInfo>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:STEPPEWIRE"><name>{DROP_SOURCE["name_en"]}</name></provider>
    <versionCreated>{now}</versionCreated>
    <firstCreated>{now}</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <contentCreated>{now}</contentCreated>
    <creator><name>Steppe Wire news desk (demo)</name></creator>
    <language tag="{language}"/>
    <headline>{title}</headline>
    <description role="drol:summary">{lead}</description>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head><body>{body}</body></html>
    </inlineXML>
  </contentSet>
</newsItem>"""


def _newsml_item(now: datetime) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _news_item(
        guid="urn:newsdesk-demo:steppe-wire:caspian-ferry",
        language="en",
        title="New ferry line links Kuryk and Baku",
        lead="The first ferry of the line left the port of Kuryk with forty lorries on board.",
        paragraphs=(
            "The operator plans three crossings a week and a daily service from the summer.",
            "Hauliers say the line cuts the route to Türkiye by two days.",
        ),
        now=now.isoformat(timespec="seconds"),
    )


def _newsml_message(now: datetime) -> str:
    at = now.isoformat(timespec="seconds")
    items = [
        _news_item(
            guid="urn:newsdesk-demo:steppe-wire:wind-farm",
            language="en",
            title="Wind farm near Yereymentau reaches full capacity",
            lead="All fifty turbines of the farm now feed the national grid.",
            paragraphs=("The farm is expected to supply electricity to about two hundred thousand homes.",),
            now=at,
        ),
        _news_item(
            guid="urn:newsdesk-demo:steppe-wire:library",
            language="ru",
            title="В Шымкенте открылась новая городская библиотека",
            lead="В фонде библиотеки более ста тысяч книг на казахском, русском и английском языках.",
            paragraphs=("При библиотеке работают читальный зал для школьников и лекторий.",),
            now=at,
        ),
    ]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="{NAR}">
  <header>
    <sent>{at}</sent>
    <sender>{DROP_SOURCE["name_en"]}</sender>
    <transmitId>demo-{now:%Y%m%d%H%M%S}</transmitId>
  </header>
  <itemSet>
{"".join(items)}
  </itemSet>
</newsMessage>
"""


def demo_drop_files(now: datetime) -> dict[str, bytes]:
    """The drop folder's own files, by name."""
    return {
        "demo-ninjs-2.json": json.dumps(_ninjs_2(now), ensure_ascii=False, indent=2).encode(),
        "demo-ninjs-3.json": json.dumps(_ninjs_3(now), ensure_ascii=False, indent=2).encode(),
        "demo-newsml-item.xml": _newsml_item(now).encode(),
        "demo-newsml-message.xml": _newsml_message(now).encode(),
    }


def shared_folder() -> Path | None:
    """The industry's schemas and samples beside the checkout (tests/conftest.py has the same rule)."""
    if os.environ.get("NEWSDESK_SHARED_DIR"):
        return Path(os.environ["NEWSDESK_SHARED_DIR"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "xsd").is_dir():
            return parent / "shared"
    return None


def iptc_samples(shared: Path | None) -> list[Path]:
    """IPTC's sample items in the shared folder (not the schemas), or none."""
    if shared is None:
        return []
    wires = shared / "wires"
    ninjs = [p for p in sorted((wires / "ninjs").glob("*.json")) if not p.name.startswith("ninjs-schema")]
    return ninjs + sorted((wires / "newsml-g2").glob("LISTING_*.xml"))


def drop_path() -> Path:
    return Path(settings.WIRES["DROP_DIR"]) / DROP_FOLDER


def _source(fields: dict[str, str]) -> Source:
    source, _created = Source.objects.update_or_create(
        name_en=fields["name_en"], defaults={k: v for k, v in fields.items() if k != "name_en"}
    )
    return source


def create_demo_wires(*, now: datetime | None = None) -> tuple[WireSource, WireSource]:
    """The demo's two wires, made again if they exist (their items go with them): the feed,
    due at once, and the drop folder with its files, old enough to be read at the first pass."""
    now = now or timezone.now()
    WireSource.objects.filter(name__in=[FEED_WIRE, DROP_WIRE]).delete()
    WireSource.objects.filter(drop_folder=DROP_FOLDER).delete()
    feed = WireSource.objects.create(
        source=_source(FEED_SOURCE), name=FEED_WIRE, format=WireFormat.RSS, poll_minutes=1, licence=LICENCE,
        next_poll_at=now,
    )  # fmt: skip
    WireFeed.objects.create(wire=feed, url=settings.SITE_URL + FEED_PATH)
    drop = WireSource.objects.create(
        source=_source(DROP_SOURCE), name=DROP_WIRE, format=WireFormat.DETECT, drop_folder=DROP_FOLDER,
        licence=LICENCE,
    )  # fmt: skip
    folder = drop_path()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in demo_drop_files(now).items():
        (folder / name).write_bytes(content)
        written.append(folder / name)
    for sample in iptc_samples(shared_folder()):
        shutil.copyfile(sample, folder / sample.name)
        written.append(folder / sample.name)
    settled = time.time() - 60
    for path in written:
        os.utime(path, (settled, settled))
    return feed, drop


def describe_demo_wires() -> str:
    if not WireSource.objects.filter(name=FEED_WIRE).exists():
        return ""
    return (
        f"Incoming desk (wires): {settings.SITE_URL}/admin/wires/wireitem/ fills within a minute from the demo's "
        f"own feed {settings.SITE_URL}{FEED_PATH} (a new release every five minutes) and its drop folder "
        f"{drop_path()}/"
    )
