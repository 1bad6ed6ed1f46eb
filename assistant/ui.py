"""The Gradio app: chat with sources, similar projects, documents. A thin layer over Assistant.

Rendering lives in assistant.render (pure, tested without a server); this module only wires
components to the assistant and turns its errors into Swedish messages.
"""

# No `from __future__ import annotations`: gr.api reads the endpoint functions' type hints.

import ipaddress
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import gradio as gr

from assistant import project_table, render
from assistant.feedback import record_feedback
from assistant.filters import parse_filters, parse_k
from stodkollen.errors import StodkollenError, UserInputError
from stodkollen.records import Answer, Chunk, Filters
from stodkollen.settings import Settings, get_settings

log = logging.getLogger(__name__)

UPLOAD_TYPES = (".txt", ".md", ".html", ".htm", ".pdf")
EXAMPLES = [
    "Finns det rådgivning för företagare i Malå?",
    "Vem var projektägare för Håll ut?",
    "Vad kostar Medskapande processer?",
    "Finns det liknande projekt som samverkan mellan kommun och företagarorganisation?",
]
ALL_KOMMUNER, ALL_LAN = ("Alla kommuner", ""), ("Alla län", "")
THINKING = "*Söker i dokumenten …*"
GENERIC_ERROR = "Något gick fel när frågan besvarades. Försök igen eller formulera om frågan."

CSS = """
.sk-sources h3, .sk-docs-wrap h3 { margin: 0 0 .5rem; font-size: 1.05rem; }
.sk-card { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .6rem .8rem; margin-bottom: .6rem; background: var(--background-fill-primary); }
.sk-card:target { outline: 2px solid var(--color-accent); }
.sk-card header { font-weight: 600; overflow-wrap: anywhere; }
.sk-card .sk-n { color: var(--color-accent); margin-right: .25rem; }
.sk-card .sk-title { font-weight: 600; margin: .2rem 0; }
.sk-card dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem;
  margin: .3rem 0; font-size: .9rem; }
.sk-card dt { color: var(--body-text-color-subdued); }
.sk-card dd { margin: 0; }
.sk-excerpt { margin: .4rem 0 0; padding-left: .6rem; border-left: 3px solid
  var(--border-color-primary); font-size: .9rem; white-space: pre-wrap; max-height: 16rem;
  overflow-y: auto; }
.sk-excerpt mark { background: #fff3a3; color: inherit; padding: 0 .1rem; }
.sk-table { width: 100%; border-collapse: collapse; font-size: .9rem; border: 0 !important; }
.sk-table th, .sk-table td { border: 0 !important; padding: .35rem .5rem; text-align: left;
  vertical-align: top; border-bottom: 1px solid var(--border-color-primary) !important; }
.sk-table tr { border: 0 !important; }
.sk-table th { background: var(--background-fill-secondary); }
.sk-table .sk-source a { overflow-wrap: anywhere; }
.sk-file { white-space: nowrap; }
.sk-num { text-align: right !important; }
.sk-empty, .sk-totals { color: var(--body-text-color-subdued); }
#projekt-tabell, #projekt-tabell * { font-family: var(--font) !important; }
/* Gradio titles its notices with the English level name; show Swedish ones instead. */
.toast-title.warning, .toast-title.error, .toast-title.info { font-size: 0 !important; }
.toast-title.warning::before { content: "Obs"; }
.toast-title.error::before { content: "Fel"; }
.toast-title.info::before { content: "Tack"; }
.toast-title::before, .toast-title .toast-count { font-size: var(--text-md); }
"""


def warn(message: str) -> None:
    """A yellow notice (titled "Obs" by the page's CSS)."""
    gr.Warning(message, title="Obs")


class Handlers:
    """The app's event handlers around one Assistant; each returns values for components."""

    def __init__(self, assistant):
        self.assistant = assistant

    # --- chat ---------------------------------------------------------------------------
    def respond(self, message, history, previous, rated, kommun, lan, from_year, to_year):
        """Answer one chat message; yields (textbox, chat, sources, previous, rated) as it goes."""
        history = list(history or []) + [{"role": "user", "content": str(message or "")}]
        history.append({"role": "assistant", "content": THINKING})
        yield "", history, gr.skip(), previous, rated
        try:
            filters = self.assistant.resolve_filters(make_filters(kommun, lan, from_year, to_year))
            answer = self.assistant.ask(str(message or ""), filters=filters, previous=previous)
        except StodkollenError as exc:
            history[-1] = {"role": "assistant", "content": render.error_markdown(str(exc))}
            yield "", history, gr.skip(), previous, rated
            return
        except Exception:  # the user gets a sentence, the log gets the traceback
            log.exception("Frågan kunde inte besvaras: %r", message)
            history[-1] = {"role": "assistant", "content": render.error_markdown(GENERIC_ERROR)}
            yield "", history, gr.skip(), previous, rated
            return
        rated = dict(rated or {})
        rated[str(len(history) - 1)] = answer.to_dict()
        cards = render.source_cards(answer.sources)
        for partial in growing_answers(answer):
            text = render.answer_markdown(partial, complete=False)
            history[-1] = {"role": "assistant", "content": text}
            yield "", history, cards, previous, rated
            time.sleep(0.04)
        history[-1] = {"role": "assistant", "content": render.answer_markdown(answer, filters)}
        yield "", history, cards, answer, rated

    def rate(self, rated, data: gr.LikeData) -> None:
        """Store a thumbs up/down for the rated answer."""
        rating = {True: "up", False: "down", "Like": "up", "Dislike": "down"}.get(data.liked)
        entry = (rated or {}).get(str(_index(data.index)))
        if rating is None or entry is None:
            return
        record_feedback(
            entry["question"], entry["answer"], entry["sources"], rating, self.assistant.settings
        )
        gr.Info("Ditt omdöme är sparat.", title="Tack!")

    # --- similar projects ---------------------------------------------------------------
    def similar_table(self, text: str) -> str:
        """The similar-projects table for a description of a planned project."""
        from assistant.similar import find_similar

        if not str(text or "").strip():
            warn("Beskriv det planerade projektet först.")
            return render.similar_table([])
        try:
            return render.similar_table(find_similar(self.assistant, str(text), k=5))
        except StodkollenError as exc:
            warn(str(exc))
            return render.similar_table([])

    # --- projects -----------------------------------------------------------------------
    def project_rows(self) -> list[dict]:
        """Every stored project as a row (re-read: an upload may have added some)."""
        try:
            return project_table.project_rows(
                r.project for r in self.assistant.store.all_projects()
            )
        except StodkollenError as exc:
            warn(str(exc))
            return []

    def projects_page(self, kommun, lan, text):
        """The Projekt tab on opening: filter choices from the store, then the filtered view."""
        rows = self.project_rows()
        kommuner = project_table.choices(rows, "kommuner")
        lans = project_table.choices(rows, "lan")
        return (
            gr.Dropdown(choices=[ALL_KOMMUNER] + [(k, k) for k in kommuner]),
            gr.Dropdown(choices=[ALL_LAN] + [(x, x) for x in lans]),
            *self._project_view(rows, kommun, lan, text),
        )

    def projects_view(self, kommun, lan, text):
        """The filtered table, its count, the CSV file and the two charts."""
        return self._project_view(self.project_rows(), kommun, lan, text)

    def _project_view(self, rows, kommun, lan, text):
        shown = project_table.filter_rows(rows, kommun, lan, text)
        count = f"{len(shown)} av {len(rows)} projekt visas."
        return (
            count,
            project_table.table_frame(shown),
            write_csv(project_table.csv_text(shown)),
            project_table.per_start_year(shown),
            project_table.per_lan(shown),
        )

    # --- documents ----------------------------------------------------------------------
    def page_state(self):
        """Filter choices and the document list, for page load and after an ingest."""
        try:
            snap = self.assistant.catalog.refresh()
            kommuner, lans = sorted(snap.kommuner), sorted(snap.lans)
            documents = self.documents()
        except StodkollenError as exc:  # e.g. the Chroma server is down: say so, show nothing
            warn(str(exc))
            kommuner, lans, documents = [], [], render.documents_table([], [])
        return (
            gr.Dropdown(choices=[ALL_KOMMUNER] + [(k, k) for k in kommuner]),
            gr.Dropdown(choices=[ALL_LAN] + [(ln, ln) for ln in lans]),
            documents,
        )

    def documents(self) -> str:
        """The Dokument tab's list of documents and projects."""
        records = self.assistant.store.all_projects()
        # A project record lists its chunks: counts per source without reading every chunk.
        chunks = [Chunk(cid, "", r.project, r.doc_hash) for r in records for cid in r.chunk_ids]
        return render.documents_table(chunks, [r.project for r in records])

    def upload(self, files, progress=gr.Progress()):  # noqa: B008 (gradio idiom)
        """Save each uploaded file under <home>/uploads and ingest it before the next; a file
        the ingest rejects leaves uploads again (an earlier upload of its name comes back)."""
        paths = [p for p in (files or []) if p]
        if not paths:
            warn("Välj en eller flera filer först.")
            return ("", *self.page_state(), None)
        total = _empty_total()
        for i, tmp in enumerate(paths):
            name = Path(str(tmp)).name
            progress((i, len(paths)), desc=f"Läser in {name}")
            try:
                saved = save_upload(Path(tmp), self.assistant.settings)
            except UserInputError as exc:
                total["skipped"].append({"source": name, "reason": str(exc)})
                continue
            done, failed = self._ingest_one(str(saved))
            # Rejected (not a store failure): nothing of it is stored, so it must not stay.
            rejected = not failed and not _processed(done) and bool(done.get("skipped"))
            settle_upload(saved, keep=not rejected)
            _add(total, done)
        return (render.ingest_report(self._finish(total)), *self.page_state(), None)

    def fetch_url(self, url: str, progress=gr.Progress()):  # noqa: B008 (gradio idiom)
        """Fetch and ingest one web page or PDF by URL."""
        url = str(url or "").strip()
        if not render.is_web_url(url):
            warn("Ange en webbadress som börjar med http:// eller https://.")
            return ("", *self.page_state(), gr.skip())
        progress((0, 1), desc=f"Läser in {url}")
        total = _empty_total()
        _add(total, self._ingest_one(url)[0])
        return (render.ingest_report(self._finish(total)), *self.page_state(), "")

    def _ingest_one(self, item: str) -> tuple[dict, bool]:
        """The ingest summary of one item, and whether the store failed (not the item)."""
        try:
            return self.assistant.ingest([item]).to_dict(), False
        except StodkollenError as exc:
            return {"skipped": [{"source": Path(item).name or item, "reason": str(exc)}]}, True

    def _finish(self, total: dict) -> dict:
        """Warn about each skipped source; the store's chunk count when nothing was ingested."""
        for s in total["skipped"] + total.get("warnings", []):
            warn(render.skipped_text(s))
        if total["chunks"] is None:
            try:
                total["chunks"] = self.assistant.store.count()
            except StodkollenError:
                total["chunks"] = 0
        return total

    # --- API (gradio_client) ------------------------------------------------------------
    def api_ask(
        self,
        question: str,
        kommun: str | None = None,
        lan: str | None = None,
        from_year: float | None = None,
        to_year: float | None = None,
        source: str | None = None,
    ) -> dict:
        """Answer a question with numbered sources (the CLI's JSON shape)."""
        try:
            filters = parse_filters(kommun, lan, from_year, to_year, source)
            return self.assistant.ask(question, filters=filters).to_dict()
        except StodkollenError as exc:
            raise gr.Error(str(exc)) from exc

    def api_similar(self, text: str, k: float = 5) -> list:
        """Past projects similar to a description: title, kommun, period, owner, passage."""
        from assistant.similar import find_similar

        if not str(text or "").strip():
            raise gr.Error("Beskriv det planerade projektet först.")
        try:
            found = find_similar(self.assistant, str(text), k=parse_k(k, default=5))
        except StodkollenError as exc:
            raise gr.Error(str(exc)) from exc
        return [p.to_dict() for p in found]

    def api_ingest_url(self, url: str) -> dict:
        """Ingest one http(s) URL; returns the ingest summary."""
        if not render.is_web_url(str(url or "").strip()):
            raise gr.Error("Ange en webbadress som börjar med http:// eller https://.")
        try:
            return self.assistant.ingest([url.strip()]).to_dict()
        except StodkollenError as exc:
            raise gr.Error(str(exc)) from exc


# --- small pure helpers -------------------------------------------------------------------
def _index(index) -> int:
    return index[0] if isinstance(index, list | tuple) else int(index)


def make_filters(kommun, lan, from_year, to_year) -> Filters:
    """Filters from the form (empty choices mean no filter): the CLI's and the API's rules."""
    return parse_filters(kommun, lan, from_year, to_year)


def _empty_total() -> dict:
    return {"added": 0, "updated": 0, "unchanged": 0, "chunks": None, "skipped": []}


def _processed(summary: dict) -> int:
    return sum(summary.get(key, 0) for key in ("added", "updated", "unchanged"))


def _add(total: dict, summary: dict) -> None:
    """Add one item's ingest summary to the running total."""
    for key in ("added", "updated", "unchanged"):
        total[key] += summary.get(key, 0)
    total["chunks"] = summary.get("chunks", total["chunks"])
    total["skipped"].extend(summary.get("skipped", []))
    total.setdefault("warnings", []).extend(summary.get("warnings", []))  # stored, not in full


def growing_answers(answer: Answer) -> Iterator[Answer]:
    """The answer cut after each of its first citations, for a streamed chat message."""
    text, cut = answer.answer, 0
    for _ in range(6):
        nxt = text.find("]", cut) + 1
        if nxt <= 0 or nxt >= len(text):
            return
        cut = nxt
        yield replace(answer, answer=text[:cut], note=None, sources=answer.sources)


def write_csv(text: str) -> str:
    """The CSV in a fresh temp folder as projekt.csv, for the download button. With a BOM,
    so that Excel reads the UTF-8 (å, ä, ö) right."""
    path = Path(tempfile.mkdtemp(prefix="stodkollen-")) / "projekt.csv"
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def save_upload(tmp: Path, settings: Settings) -> Path:
    """Copy an uploaded temp file to <home>/uploads under a safe name; UserInputError if not ok."""
    limit_mb = settings.serve.max_upload_mb
    name = render.safe_file_name(tmp.name, UPLOAD_TYPES)
    if name is None:
        allowed = ", ".join(UPLOAD_TYPES)
        raise UserInputError(f"Filtypen stöds inte. Tillåtna filtyper: {allowed}.")
    if tmp.stat().st_size > limit_mb * 1024 * 1024:
        raise UserInputError(f"Filen är större än {limit_mb:g} MB.")
    folder = (settings.home / "uploads").resolve()
    target = (folder / name).resolve()
    if target.parent != folder:  # safe_file_name makes this impossible; keep it that way
        raise UserInputError("Ogiltigt filnamn.")
    folder.mkdir(parents=True, exist_ok=True)
    previous = _previous(target)
    if target.exists():  # kept aside until the new file's ingest has accepted it
        os.replace(target, previous)
    try:
        shutil.copyfile(tmp, target)
    except OSError:
        settle_upload(target, keep=False)
        raise
    return target


def _previous(saved: Path) -> Path:
    """Where an earlier upload of the same name waits (hidden: ingest and doctor skip it)."""
    return saved.with_name(f".{saved.name}.previous")


def settle_upload(saved: Path, keep: bool) -> None:
    """After its ingest: keep an upload (its earlier version goes), or remove a rejected one
    and put its earlier version back."""
    previous = _previous(saved)
    if keep:
        previous.unlink(missing_ok=True)
        return
    saved.unlink(missing_ok=True)
    if previous.exists():
        os.replace(previous, saved)


# --- the page -----------------------------------------------------------------------------
def _chat_tab(h: Handlers) -> dict:
    """Filters, the conversation, examples and the sources panel; returns the filter parts."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            with gr.Row():
                kommun = gr.Dropdown(
                    [ALL_KOMMUNER], value="", label="Kommun", scale=2, elem_id="filter-kommun"
                )
                lan = gr.Dropdown([ALL_LAN], value="", label="Län", scale=2, elem_id="filter-lan")
                start = gr.Textbox(
                    label="Från år",
                    placeholder="t.ex. 2018",
                    max_lines=1,
                    min_width=110,
                    elem_id="filter-fran",
                )
                end = gr.Textbox(
                    label="Till år",
                    placeholder="t.ex. 2022",
                    max_lines=1,
                    min_width=110,
                    elem_id="filter-till",
                )
            gr.Markdown("Filtren gäller nästa fråga.", elem_classes="sk-empty")
            chat = gr.Chatbot(
                label="Samtal",
                height=460,
                elem_id="samtal",
                latex_delimiters=[],
                buttons=["copy"],
                placeholder="Ställ en fråga om projekten i dokumenten.",
            )
            with gr.Row():
                question = gr.Textbox(
                    placeholder="Skriv din fråga …",
                    show_label=False,
                    scale=5,
                    max_lines=4,
                    elem_id="fraga",
                )
                send = gr.Button("Skicka", variant="primary", scale=1, elem_id="skicka")
            new = gr.Button("Ny konversation", size="sm", elem_id="ny")
            gr.Examples(EXAMPLES, inputs=question, label="Exempelfrågor")
        with gr.Column(scale=2):
            sources = gr.HTML(
                render.source_cards([]), elem_id="kallor", padding=True, max_height=860
            )
    previous, rated = gr.State(None), gr.State({})
    for trigger in (question.submit, send.click):
        trigger(
            h.respond,
            [question, chat, previous, rated, kommun, lan, start, end],
            [question, chat, sources, previous, rated],
            api_visibility="private",
        )
    new.click(
        lambda: ([], render.source_cards([]), None, {}),
        None,
        [chat, sources, previous, rated],
        api_visibility="private",
    )
    chat.clear(
        lambda: (render.source_cards([]), None, {}),
        None,
        [sources, previous, rated],
        api_visibility="private",
    )
    chat.like(h.rate, [rated], None, api_visibility="private")
    return {"kommun": kommun, "lan": lan}


def _similar_tab(h: Handlers) -> None:
    """Describe a planned project, get a table of similar past projects."""
    gr.Markdown("Beskriv ett planerat projekt så visas tidigare projekt som liknar det.")
    plan = gr.Textbox(
        label="Planerat projekt",
        lines=3,
        elem_id="planerat",
        placeholder="t.ex. samverkan mellan kommun och företagarorganisation",
    )
    find = gr.Button("Hitta liknande projekt", variant="primary", elem_id="hitta")
    table = gr.HTML(elem_id="liknande-tabell", padding=True)
    for trigger in (find.click, plan.submit):
        trigger(h.similar_table, plan, table, api_visibility="private")


def _documents_tab(h: Handlers, filters: dict) -> gr.HTML:
    """Upload files or a URL to ingest; the list of documents and projects."""
    with gr.Row(equal_height=False):
        with gr.Column():
            files = gr.File(
                label="Ladda upp dokument (txt, md, html, htm, pdf)",
                file_count="multiple",  # types are checked server-side, with Swedish messages
                elem_id="uppladdning",
            )
            upload = gr.Button("Läs in filerna", variant="primary", elem_id="las-in")
        with gr.Column():
            url = gr.Textbox(
                label="Eller klistra in en webbadress",
                placeholder="https://www.exempel.se/projekt",
                elem_id="url",
            )
            fetch = gr.Button("Hämta och läs in", elem_id="hamta")
    report = gr.Markdown(elem_id="rapport")
    docs = gr.HTML(elem_id="dokumentlista", padding=True, elem_classes="sk-docs-wrap")
    refreshed = [filters["kommun"], filters["lan"], docs]
    upload.click(h.upload, files, [report, *refreshed, files], api_visibility="private")
    fetch.click(h.fetch_url, url, [report, *refreshed, url], api_visibility="private")
    return docs


def _projects_tab(h: Handlers) -> tuple[list, list, list]:
    """Every project in a sortable table with filters, a CSV download and two charts;
    returns (the filter inputs, the choice outputs, the view outputs)."""
    with gr.Row():
        kommun = gr.Dropdown(
            [ALL_KOMMUNER], value="", label="Kommun", scale=2, elem_id="projekt-kommun"
        )
        lan = gr.Dropdown([ALL_LAN], value="", label="Län", scale=2, elem_id="projekt-lan")
        text = gr.Textbox(
            label="Sök i listan",
            placeholder="t.ex. Tillväxtverket",
            max_lines=1,
            scale=3,
            elem_id="projekt-sok",
        )
    with gr.Row(equal_height=True):
        count = gr.Markdown(elem_id="projekt-antal", elem_classes="sk-totals")
        csv_file = gr.DownloadButton(
            "Ladda ner CSV", size="sm", scale=0, min_width=160, elem_id="projekt-csv"
        )
    table = gr.Dataframe(
        headers=list(project_table.TABLE_HEADERS),
        datatype=["str", "str", "str", "str", "str", "number", "str", "markdown"],
        interactive=False,
        wrap=True,
        max_height=560,
        column_widths=["20%", "10%", "10%", "13%", "10%", "8%", "13%", "16%"],
        label="Projekt (klicka på en rubrik för att sortera)",
        elem_id="projekt-tabell",
    )
    with gr.Row():
        years = gr.BarPlot(
            x=project_table.YEAR,
            y=project_table.COUNT,
            title="Projekt per startår",
            x_title="Startår",
            y_title="Antal projekt",
            sort="x",
            y_lim=[0, None],  # from zero: Vega would start near the lowest bar
            elem_id="projekt-per-ar",
        )
        lans = gr.BarPlot(
            x=project_table.LAN,
            y=project_table.COUNT,
            title="Projekt per län",
            x_title="Län",
            y_title="Antal projekt",
            x_label_angle=-40,
            sort="-y",
            y_lim=[0, None],
            elem_id="projekt-per-lan",
        )
    inputs = [kommun, lan, text]
    view = [count, table, csv_file, years, lans]
    for trigger in (kommun.change, lan.change, text.submit):
        trigger(h.projects_view, inputs, view, api_visibility="private")
    return inputs, [kommun, lan], view


def create_app(assistant) -> gr.Blocks:
    """Build the Stödkollen page (chat, similar projects, projects, documents) around one
    Assistant."""
    h = Handlers(assistant)
    with gr.Blocks(title="Stödkollen", analytics_enabled=False) as demo:
        gr.Markdown(
            "# Stödkollen\nFråga om kommunala utvecklingsprojekt och stöd till företagare. "
            "Varje svar hänvisar till sina källor med [n]."
        )
        with gr.Tab("Chatt", id="chatt"):
            filters = _chat_tab(h)
        with gr.Tab("Liknande projekt", id="liknande"):
            _similar_tab(h)
        with gr.Tab("Projekt", id="projekt") as projects:
            p_inputs, p_choices, p_view = _projects_tab(h)
        with gr.Tab("Dokument", id="dokument"):
            docs = _documents_tab(h, filters)
        projects.select(h.projects_page, p_inputs, p_choices + p_view, api_visibility="private")
        refreshed = [filters["kommun"], filters["lan"], docs]
        demo.load(h.page_state, None, refreshed, api_visibility="private")
        gr.api(h.api_ask, api_name="ask")
        gr.api(h.api_similar, api_name="similar")
        gr.api(h.api_ingest_url, api_name="ingest_url")
    return demo


@lru_cache(maxsize=1)
def get_assistant():
    """The process's one Assistant (the model and the store load once)."""
    from assistant.service import Assistant

    return Assistant()


_LAUNCH_LOCK = threading.Lock()


def warm_up(assistant) -> None:
    """Load the chunk catalog and the model before serving, so the first question is quick."""
    started = time.perf_counter()
    assistant.catalog.refresh()
    assistant.embedder.embed_queries(["uppvärmning"])
    log.info("Assistenten är redo (%.1f s).", time.perf_counter() - started)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _auth(host: str, settings: Settings) -> tuple[str, str] | None:
    """Login (user, password) from the environment when serving beyond this machine."""
    if _is_loopback(host):
        return None
    user = os.environ.get(settings.serve.auth_user_env)
    password = os.environ.get(settings.serve.auth_password_env)
    if user and password:
        return (user, password)
    log.warning(
        "Appen nås från nätverket (%s) utan inloggning: sätt %s och %s.",
        host,
        settings.serve.auth_user_env,
        settings.serve.auth_password_env,
    )
    return None


def launch(host: str | None = None, port: int | None = None, assistant=None) -> None:
    """Serve the app (127.0.0.1:7860 by default) around `assistant` (the process's own one
    by default; the benchmark passes one with stand-in vectors); blocks until stopped."""
    settings = assistant.settings if assistant is not None else get_settings()
    host = host or settings.serve.host
    port = port or settings.serve.port
    with _LAUNCH_LOCK:
        assistant = assistant or get_assistant()
        warm_up(assistant)
        demo = create_app(assistant)
    theme = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"])
    demo.queue(default_concurrency_limit=settings.serve.concurrency_limit).launch(
        max_threads=settings.serve.max_threads,
        server_name=host,
        server_port=port,
        auth=_auth(host, settings),
        max_file_size=int(settings.serve.max_upload_mb * 1024 * 1024),
        css=CSS,
        theme=theme,
        ssr_mode=False,
        footer_links=["api"],
        show_error=False,
    )
