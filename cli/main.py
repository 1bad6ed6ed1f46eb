"""The `stodkollen` command. Logs go to stderr, data to stdout; user mistakes print one line."""

from __future__ import annotations

import json
import logging
import os
import re
import sys

import click

from stodkollen.errors import StodkollenError

log = logging.getLogger("stodkollen")

# Control characters (and Unicode line breaks) in a name would break a line of text output.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(name) -> str:
    """A file name or URL for text output: control characters as escapes ("a\\nb.txt")."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(name))


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        stream=sys.stderr,
    )
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "usp"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


USER_MISTAKE = 2  # exit code of every "Fel: …" line


class _Group(click.Group):
    """The one place CLI errors are handled: our errors and click's usage errors alike
    become one Swedish "Fel: …" line on stderr and exit code 2, never a traceback."""

    def main(self, args=None, prog_name=None, **kwargs):
        kwargs.pop("standalone_mode", None)
        try:
            return super().main(args, prog_name, standalone_mode=False, **kwargs)
        except StodkollenError as exc:
            _fail(str(exc))
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(USER_MISTAKE)
        except click.UsageError as exc:
            _fail(_usage_message(exc))
        except click.ClickException as exc:
            _fail(exc.format_message())
        except click.exceptions.Abort:
            _fail("avbrutet")
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)


def _fail(message: str) -> None:
    click.echo(f"Fel: {' '.join(message.split())}", err=True)
    sys.exit(USER_MISTAKE)


def _usage_message(exc: click.UsageError) -> str:
    """click's English usage errors, said in Swedish with the option they concern."""
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        name = exc.param.opts[0] if getattr(exc.param, "opts", None) else exc.param.name
        return f"ogiltigt värde för {name}: {exc.format_message()}"
    if isinstance(exc, click.NoSuchOption):
        return f"okänd flagga {exc.option_name}. Se 'stodkollen --help'."
    if isinstance(exc, click.MissingParameter):
        return f"{exc.format_message()} Se 'stodkollen --help'."
    return f"{exc.format_message()} Se 'stodkollen --help'."


def _assistant():
    from assistant.service import Assistant

    return Assistant()


def _reading_assistant():
    """An assistant for one-shot reading (ask, similar): on the saved copy of a small store
    when it is at the store's version (no chromadb import), else on Chroma."""
    from assistant.service import Assistant
    from index.store_snapshot import load_snapshot
    from stodkollen.settings import get_settings

    settings = get_settings()
    return Assistant(settings, store=load_snapshot(settings))


def _keep_copy(assistant) -> None:
    """After a command that read Chroma: save the copy the next one-shot command reads."""
    from index.store import ChunkStore
    from index.store_snapshot import save_snapshot
    from stodkollen.errors import StoreError

    if isinstance(assistant.store, ChunkStore):
        try:
            save_snapshot(assistant.store)
        except StoreError:
            logging.getLogger(__name__).debug("Ingen kopia av lagret sparad", exc_info=True)


def _emit(data, as_json: bool, text: str) -> None:
    click.echo(json.dumps(data, ensure_ascii=False) if as_json else text)


@click.group(cls=_Group)
@click.option("-v", "--verbose", is_flag=True, help="More logging on stderr.")
def main(verbose: bool) -> None:
    """Stödkollen: frågor och svar med källor över kommunala utvecklingsprojekt."""
    from stodkollen.settings import get_settings

    get_settings.cache_clear()  # read STODKOLLEN_* afresh for every invocation
    _setup_logging(verbose)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@click.option("--prune", is_flag=True, help="Remove chunks of sources that disappeared.")
@click.option(
    "--follow-links",
    is_flag=True,
    help="Also follow file links that point out of a named folder (not followed by default).",
)
@click.option(
    "--crawl",
    is_flag=True,
    help="Follow links from each URL under its host and folder; reads robots.txt and the "
    "sitemap, asks again only for changed pages.",
)
@click.option(
    "--depth",
    type=click.IntRange(0, 20),
    default=None,
    help="With --crawl: link hops from the start page or a sitemap entry (default 2).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(1, 100_000),
    default=None,
    help="With --crawl: most pages requested (default 100).",
)
def ingest(
    sources: tuple[str, ...],
    as_json: bool,
    prune: bool,
    follow_links: bool,
    crawl: bool,
    depth: int | None,
    max_pages: int | None,
) -> None:
    """Ingest files, directories or URLs (default: the sample corpus and the app's uploads)."""
    if crawl or depth is not None or max_pages is not None:
        _crawl(sources, as_json, prune, crawl, depth, max_pages)
        return
    from ingest.maintenance import default_sources
    from stodkollen.settings import get_settings

    items = list(sources) or default_sources(get_settings())
    summary = _assistant().ingest(items, prune=prune, follow_links=follow_links)
    d = summary.to_dict()
    text = (
        f"added: {d['added']}, updated: {d['updated']}, unchanged: {d['unchanged']}, "
        f"removed: {d['removed']}, chunks: {d['chunks']}, embedded: {d['embedded']}, "
        f"seconds: {d['seconds']}"
    )
    for s in d["skipped"]:
        text += f"\nskipped: {_shown(s['source'])}: {s['reason']}"
    for w in d["warnings"]:
        text += f"\nwarning: {_shown(w['source'])}: {w['reason']}"
    _emit(d, as_json, text)
    if summary.processed == 0 and summary.skipped:
        sys.exit(2)


def _crawl(sources, as_json, prune, crawl, depth, max_pages) -> None:
    from stodkollen.errors import UserInputError

    if not crawl:
        raise UserInputError("--depth och --max-pages gäller bara tillsammans med --crawl.")
    if prune:
        raise UserInputError("--prune kan inte kombineras med --crawl.")
    if not sources:
        raise UserInputError("--crawl kräver minst en webbadress att börja från.")
    from index.embedder import build_embedder
    from index.store import ChunkStore
    from ingest.crawl import crawl_ingest, normalize
    from stodkollen.settings import get_settings

    for source in sources:  # before the model and the store are loaded
        if normalize(source.strip()) is None:
            raise UserInputError(f"--crawl kräver webbadresser (http/https), inte {source!r}")

    settings = get_settings()
    summary = crawl_ingest(
        settings,
        ChunkStore(settings),
        build_embedder(settings),
        list(sources),
        depth=depth,
        max_pages=max_pages,
    )
    _emit(summary.to_dict(), as_json, summary.text())
    if summary.fetched + summary.unchanged == 0 and summary.skipped:
        sys.exit(2)


def _filters(kommun, lan, from_year, to_year, source):
    from stodkollen.records import Filters

    return Filters(kommun=kommun, lan=lan, from_year=from_year, to_year=to_year, source=source)


def _answer_text(answer) -> str:
    lines = [answer.answer, ""]
    for s in answer.sources:
        where = f" – {s.project.kommun}" if s.project.kommun else ""
        lines.append(f"[{s.n}] {_shown(s.source)}: {s.title}{where}")
    return "\n".join(lines).rstrip()


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True)
@click.option("--k", default=None, help="Number of sources (1-50).")
@click.option("--kommun", default=None)
@click.option("--lan", default=None)
@click.option("--from-year", default=None, help="Projects running in or after this year.")
@click.option("--to-year", default=None, help="Projects running in or before this year.")
@click.option("--source", default=None, help="Only this file name or URL.")
@click.option("--retriever", type=click.Choice(["hybrid", "bm25", "dense"]), default=None)
def ask(question, as_json, k, kommun, lan, from_year, to_year, source, retriever) -> None:
    """Ask a question; '-' reads one question per line from stdin."""
    from assistant.filters import parse_filters, parse_k
    from stodkollen.errors import UserInputError

    # The app's and the API's rules and messages (years and k are checked as typed).
    filters = parse_filters(kommun, lan, from_year, to_year, source)
    k = parse_k(k)
    # One question: the store's saved copy. Questions from stdin may keep coming while an
    # ingest writes, so they read Chroma, whose version is checked before each question.
    assistant = _assistant() if question == "-" else _reading_assistant()
    filters = assistant.resolve_filters(filters)  # an unknown place: one line, not one per question
    questions = sys.stdin if question == "-" else [question]
    for line in questions:
        if question == "-" and not line.strip():
            continue
        try:
            answer = assistant.ask(line.rstrip("\n"), filters=filters, retriever=retriever, k=k)
        except UserInputError as exc:
            if question != "-":
                raise
            _emit({"question": line.rstrip("\n"), "error": str(exc)}, True, "")
            continue
        _emit(answer.to_dict(), as_json or question == "-", _answer_text(answer))
    _keep_copy(assistant)


@main.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True)
@click.option("--k", default=None, help="Number of projects (1-50, default 5).")
def similar(text: str, as_json: bool, k: str | None) -> None:
    """Past projects similar to a description or a project name."""
    from assistant.filters import parse_k
    from assistant.similar import find_similar

    assistant = _reading_assistant()
    found = find_similar(assistant, text, parse_k(k, default=5))
    rows = [p.to_dict() for p in found]
    lines = [
        f"{i}. {p.title} ({p.kommun or '–'}, {p.period or '–'}, {p.owner or '–'}) "
        f"[{_shown(p.source)}]\n"
        f"   {p.passage}"
        for i, p in enumerate(found, 1)
    ]
    _emit(rows, as_json, "\n".join(lines) or "Inga liknande projekt hittades.")
    _keep_copy(assistant)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--csv", "as_csv", is_flag=True, help="CSV of the projects (kind project only), UTF-8."
)
def projects(as_json: bool, as_csv: bool) -> None:
    """List the ingested projects with their metadata."""
    from index.project_cache import project_records
    from stodkollen.settings import get_settings

    if as_json and as_csv:
        raise click.UsageError("välj antingen --json eller --csv.")
    # The list saved at the store's version when it is current: no Chroma to open.
    projects = [r.project for r in project_records(get_settings())]
    if as_csv:
        from assistant.project_table import csv_text, project_rows

        sys.stdout.buffer.write(csv_text(project_rows(projects)).encode("utf-8"))
        sys.stdout.flush()
        return
    rows = []
    for p in projects:
        row = p.to_dict()
        row["contacts"] = [c.text() for c in p.contacts]
        row.pop("text", None)
        rows.append(row)
    # People read projects; a list page's intro or a news article is a record, not a project
    # (the JSON keeps every record, with its kind).
    lines = [
        f"{p.title} | {'; '.join(p.kommuner)} | {p.owner or ''} | "
        f"{p.period_start or ''}–{p.period_end or ''} | {_shown(p.source)}"
        for p in projects
        if p.kind == "project"
    ]
    _emit(rows, as_json, "\n".join(lines))


@main.command("eval")
@click.option("--questions", "questions_file", type=click.Path(dir_okay=False), default=None)
@click.option("--retriever", type=click.Choice(["hybrid", "bm25", "dense", "all"]), default="all")
@click.option("--json", "as_json", is_flag=True)
@click.option("--report", "report_file", type=click.Path(dir_okay=False), default=None)
@click.option("--gate", is_flag=True, help="Exit 1 when a metric is under its threshold.")
@click.option("--ingest/--no-ingest", default=True, help="Ingest the corpus first.")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="A page set with gold.jsonl and questions.jsonl (e.g. eval/pages/dev), asked in a "
    "store of its own; its parsing table is printed too.",
)
def eval_cmd(questions_file, retriever, as_json, report_file, gate, ingest, corpus) -> None:
    """Measure answer quality on a question set (default: the sample and eval/questions.jsonl)."""
    from pathlib import Path

    from eval import harness
    from stodkollen.settings import get_settings

    folder = Path(corpus) if corpus else None
    settings = get_settings()
    parsing_table = ""
    if folder is not None:
        from assistant.service import Assistant
        from eval.parsing import evaluate_parsing, format_parsing

        parsing_table = format_parsing(evaluate_parsing(folder, settings), folder.name)
        click.echo(parsing_table, err=as_json)
        settings = harness.corpus_settings(settings, folder)
        assistant = Assistant(settings)
    else:
        assistant = _assistant()
    if ingest:
        assistant.ingest(harness.corpus_items(folder), prune=folder is not None)
    questions = Path(
        questions_file or (folder / "questions.jsonl" if folder else harness.QUESTIONS)
    )
    retrievers = ("hybrid", "bm25", "dense") if retriever == "all" else (retriever,)
    report, table = harness.evaluate(assistant, questions, retrievers, corpus=folder)
    if report_file:
        parts = ["stodkollen eval"]
        if folder:
            parts.append(f"--corpus {folder}")
        if questions_file:
            parts.append(f"--questions {questions_file}")
        command = " ".join([*parts, f"--report {report_file}"])
        shown = questions.resolve()
        shown = shown.relative_to(Path.cwd()) if shown.is_relative_to(Path.cwd()) else shown
        head = (
            f"# Evaluation results\n\nRegenerate with `make eval` (`{command}`) on "
            f"{len(report.get('retrievers', {}))} retrievers over {report.get('n_questions')} "
            f"questions from `{shown}`.\n\n"
        )
        body = f"{parsing_table}\n\n{table}" if parsing_table else table
        Path(report_file).write_text(head + body + "\n", encoding="utf-8")
    _emit(report, as_json, table)
    if gate:
        failures = harness.gate(report, harness.thresholds_for(folder), retriever=retrievers[0])
        for f in failures:
            click.echo(f"Under tröskeln: {f}", err=True)
        if failures:
            sys.exit(1)
        click.echo("Utvärderingen klarar alla trösklar.", err=True)


@main.command()
@click.option("--host", default=None)
@click.option("--port", type=int, default=None)
def serve(host: str | None, port: int | None) -> None:
    """Serve the Gradio app (127.0.0.1:7860 by default)."""
    from assistant.ui import launch

    launch(host=host, port=port)


@main.command()
@click.option("--json", "as_json", is_flag=True)
def doctor(as_json: bool) -> None:
    """Check the model and the store; exit code 1 when something is wrong."""
    from ingest.maintenance import diagnose
    from stodkollen.settings import get_settings

    health = diagnose(get_settings())
    _emit(health.to_dict(), as_json, health.text())
    if not health.healthy:
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--json", "as_json", is_flag=True)
def reindex(sources: tuple[str, ...], as_json: bool) -> None:
    """Move the store aside (chroma.broken-<time>) and rebuild it from SOURCES.

    Default: the sample corpus and the app's uploads. Stop the app first.
    """
    from ingest.maintenance import reindex as rebuild
    from stodkollen.settings import get_settings

    result = rebuild(get_settings(), list(sources) or None)
    _emit(result.to_dict(), as_json, result.text())
    if not result.summary["chunks"]:
        sys.exit(2)


@main.group()
def feedback() -> None:
    """Thumbs up/down given in the app."""


@feedback.command("export")
def feedback_export() -> None:
    """Print every feedback entry as one JSON line (JSON Lines) on stdout."""
    from assistant.feedback import export

    for line in export():
        click.echo(line)


@main.command()
@click.option("--sizes", default="1000,10000", show_default=True, help="Corpus sizes in chunks.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="e.g. eval/BENCH.md")
@click.option(
    "--stand-in-above",
    type=click.IntRange(min=0),
    default=None,
    help="Sizes above this many chunks use stand-in vectors instead of the model (0: all; "
    "default 10000).",
)
@click.option("--no-onnx", is_flag=True, help="Skip the ONNX against torch comparison.")
@click.option(
    "--throughput",
    is_flag=True,
    help="At the largest size: questions per second from 1, 4 and 16 clients against one "
    "serving app and against two replicas on one chroma run server.",
)
@click.option("--no-cli", is_flag=True, help="Skip timing --help, projects and ask on the sample.")
@click.option(
    "--bulk-above",
    type=int,
    default=None,
    help="Sizes above this many chunks: the pipeline ingests about this many, the rest is "
    "bulk-loaded (same parsing and store writes, parsing in a second process; eval/bulk.py).",
)
def bench(
    sizes: str,
    as_json: bool,
    out: str | None,
    stand_in_above: int | None,
    no_onnx: bool,
    throughput: bool,
    no_cli: bool,
    bulk_above: int | None,
) -> None:
    """Measure ingest, re-ingest, ask latency, memory and cold start on synthetic corpora."""
    from eval.bench import run_cli

    report, text = run_cli(
        sizes,
        out,
        progress=lambda line: click.echo(line, err=True),
        stand_in_above=stand_in_above,
        onnx=not no_onnx,
        throughput=throughput,
        cli=not no_cli,
        bulk_above=bulk_above,
    )
    _emit(report, as_json, text)


if __name__ == "__main__":
    main()
