"""A modest load in threads against app servers, every answer kept for the test to judge.

Readers ask for pages; beacons come from distinct readers (each its own address in its
own /24, as BEHIND_PROXY=1 reads X-Forwarded-For, so no cap holds any back); an editor
keeps saving a draft through the back office's change form. Every request has a time
limit: an answer that does not come is recorded as a failure, never waited for.
"""

import html
import http.client
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlencode

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
# An answer later than this is a hang: the request is given up and recorded as unanswered.
REQUEST_SECONDS = 10.0


@dataclass
class Answer:
    kind: str  # "page", "needs_database", "beacon", "edit"
    path: str
    status: int  # 0: no answer (refused, reset, timed out)
    started: float  # time.monotonic()
    seconds: float
    headers: Message = field(default_factory=Message)
    body: bytes = b""
    error: str = ""
    label: int = 0  # the edit's number, the beacon's reader

    @property
    def ended(self) -> float:
        return self.started + self.seconds

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    def counted(self) -> bool:
        return self.kind == "beacon" and self.status == 200 and json.loads(self.body)["counted"] is True


def send(port: int, method: str, path: str, *, headers: dict | None = None, body: bytes | None = None) -> Answer:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        connection.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        return Answer("", path, response.status, started, time.monotonic() - started, response.msg, content)
    except (OSError, http.client.HTTPException) as error:
        return Answer("", path, 0, started, time.monotonic() - started, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()


class Editor:
    """A chief editor in the back office, saving edits of one draft one after another.

    Each edit has its own number in its title and body. After a 503 the editor saves
    again; when the form comes back instead (a save that answered 503 was stored after
    all, so the version moved on), they open it again to learn the version to name.
    """

    def __init__(self, port: int, *, username: str, password: str, draft: dict):
        self.port = port
        self.username, self.password = username, password
        self.draft = draft
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.version: int | None = None

    @property
    def change_path(self) -> str:
        return f"/admin/content/article/{self.draft['id']}/change/"

    def _send(self, method: str, path: str, fields: dict | None = None) -> Answer:
        headers = {"User-Agent": BROWSER}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        answer = send(self.port, method, path, headers=headers, body=body)
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if token := re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text):
            self.csrf = token[1]
        return answer

    def sign_in(self) -> None:
        page = self._send("GET", "/admin/login/")
        assert page.status == 200, page
        fields = {"csrfmiddlewaretoken": self.csrf, "username": self.username, "password": self.password,
                  "next": "/admin/"}  # fmt: skip
        answer = self._send("POST", "/admin/login/?next=/admin/", fields)
        assert answer.status == 302 and "sessionid" in self.cookies, (answer.status, answer.text[:500])

    def open(self) -> Answer:
        answer = self._send("GET", self.change_path)
        answer.kind = "open"
        if answer.status == 200 and (found := re.search(r'name="expected_version" value="(\d+)"', answer.text)):
            self.version = int(found[1])
        return answer

    def save(self, number: int) -> Answer:
        fields = {
            "csrfmiddlewaretoken": self.csrf,
            "language": "en",
            "title": edit_title(number),
            "slug": "",
            "lead": "",
            "body": edit_body(number),
            "section": self.draft["section"],
            "source": "",
            "photo": "",
            "embargo_until_0": "",
            "embargo_until_1": "",
            "expected_version": self.version,
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
        }
        answer = self._send("POST", self.change_path, fields)
        answer.kind, answer.label = "edit", number
        if saved(answer):
            self.version += 1
        elif answer.status != 503:
            self.version = None  # the form came back (someone saved since): open it again
        # After a 503 the editor goes back and saves again, at the version they know.
        return answer


def reader_address(reader: int) -> str:
    """Reader n's address, in a /24 of its own: no cap per address or network holds it back."""
    return f"10.{reader // 250 % 250}.{reader % 250}.{1 + reader // 62500}"


def edit_title(number: int) -> str:
    return f"The desk's edit number {number}"


def edit_body(number: int) -> str:
    return f"<p>Paragraph of edit {number}.</p>"


def saved(answer: Answer) -> bool:
    """The change form's success: a redirect to the list of articles."""
    return answer.status == 302 and answer.headers.get("Location", "").endswith("/admin/content/article/")


class Load:
    """Readers, beacons and an editor in threads, until stopped; `answers` keeps every answer."""

    def __init__(
        self,
        ports: list[int],
        *,
        pages: list[str],
        beacon_articles: list[int],
        needs_database: list[str] = (),
        editor: Editor | None = None,
        readers: int = 2,
        beacons: int = 2,
        pause: float = 0.01,
    ):
        self.ports, self.pages, self.needs_database = ports, pages, list(needs_database)
        self.beacon_articles, self.editor, self.pause = beacon_articles, editor, pause
        self.answers: list[Answer] = []
        self.marks: dict[str, float] = {}
        self._stop = threading.Event()
        self._addresses = itertools.count(1)
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(readers)]
        self._threads += [threading.Thread(target=self._beacon, args=(n,), daemon=True) for n in range(beacons)]
        if editor is not None:
            self._threads.append(threading.Thread(target=self._edit, daemon=True))

    def __enter__(self) -> "Load":
        self.marks["start"] = time.monotonic()
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=REQUEST_SECONDS + 5)
        self.marks["stop"] = time.monotonic()
        assert not any(thread.is_alive() for thread in self._threads), "a load thread hung"

    def mark(self, name: str) -> None:
        self.marks[name] = time.monotonic()

    def _keep(self, answer: Answer, kind: str) -> Answer:
        answer.kind = answer.kind or kind
        self.answers.append(answer)
        return answer

    def _read(self, n: int) -> None:
        paths = self.pages + self.needs_database
        for i in itertools.count(n):
            if self._stop.is_set():
                return
            path = paths[i % len(paths)]
            kind = "needs_database" if path in self.needs_database else "page"
            self._keep(send(self.ports[i % len(self.ports)], "GET", path, headers={"User-Agent": BROWSER}), kind)
            time.sleep(self.pause)

    def _beacon(self, n: int) -> None:
        for i in itertools.count(n):
            if self._stop.is_set():
                return
            with self._lock:
                reader = next(self._addresses)
            article = self.beacon_articles[reader % len(self.beacon_articles)]
            headers = {"User-Agent": BROWSER, "X-Forwarded-For": reader_address(reader), "Content-Length": "0"}
            answer = send(self.ports[i % len(self.ports)], "POST", f"/en/news/{article}/views/", headers=headers)
            answer.label = reader
            self._keep(answer, "beacon")
            time.sleep(self.pause)

    def _edit(self) -> None:
        editor = self.editor
        for number in itertools.count(1):
            if self._stop.is_set():
                return
            while editor.version is None and not self._stop.is_set():
                self._keep(editor.open(), "open")
                if editor.version is None:
                    time.sleep(0.2)  # the form did not open: the database is away, say
            if self._stop.is_set():
                return
            self._keep(editor.save(number), "edit")
            time.sleep(self.pause * 5)

    # What the test judges.

    def of(self, kind: str, *, between: tuple[float, float] | None = None) -> list[Answer]:
        found = [a for a in list(self.answers) if a.kind == kind]
        if between is not None:
            start, end = between
            found = [a for a in found if a.ended >= start and a.started <= end]
        return found

    def counted(self) -> int:
        return sum(answer.counted() for answer in self.of("beacon"))

    def rate(self) -> float:
        return len(self.answers) / (self.marks["stop"] - self.marks["start"])

    def wait_for_answers(self, kinds: str, count: int, *, after: float, seconds: float = 30) -> None:
        """Until `count` answers of `kinds` (space-separated) that started after `after` came
        (or fail after `seconds`)."""
        deadline = time.monotonic() + seconds
        while len([a for a in list(self.answers) if a.kind in kinds.split() and a.started > after]) < count:
            assert time.monotonic() < deadline, f"fewer than {count} {kinds} answers in {seconds} s"
            time.sleep(0.05)


def wait_until(condition, *, seconds: float, what: str) -> float:
    """Poll `condition` until true; the moment it was, or a failure after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        time.sleep(0.05)
    return time.monotonic()


def describe(answer: Answer) -> str:
    """For assertion messages: what was asked and what came back."""
    snippet = html.unescape(re.sub(r"<[^>]+>|\s+", " ", answer.text))[:200].strip()
    return f"{answer.kind} {answer.path} → {answer.status or answer.error} in {answer.seconds:.2f} s: {snippet}"
