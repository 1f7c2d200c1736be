"""Search quality on the dev documents: recall@3 per mode (bm25, dense, hybrid) and per query language.

    .venv/bin/python bench/score_search.py                       # the default embedder (static USE)
    .venv/bin/python bench/score_search.py --embedder minilm     # the old one (see --help)
    .venv/bin/python bench/score_search.py --misses              # list the tuning half's misses
    .venv/bin/python bench/score_search.py --heldout             # our own cross-lingual held-out set
    .venv/bin/python bench/score_search.py --queries bench/data/search_queries_blind.jsonl

The queries (bench/data/search_queries.jsonl) are our own words, written from the eight documents in
../shared/dev/docs: Chinese (zh), English (en), English query for a Chinese passage (en2zh) and Chinese
query for an English passage (zh2en). A hit is relevant when it is a block of the named document (its
file stem) whose text holds the query's short `key` (a figure or a keyword). Queries with an odd number
form the tuning half, even numbers the held-out half: both are printed, and only the tuning half may guide
any weight or threshold.

`--heldout` scores bench/data/crosslingual_heldout.jsonl instead: invented Chinese and English documents
(written for this set, ingested beside the dev documents, which act as distractors) with cross-lingual
queries, all held out. It was committed before any cross-lingual weight was tuned and must never guide one.

`--queries PATH` scores another query file over the dev documents (same format). Any file other than the
default and the tuning file below counts as held out as a whole.

Protocol since session 7 (the default set's tuning half scores 1.00 everywhere, so it no longer guides
anything): bench/data/search_queries_blind.jsonl (written from the documents by someone who had seen neither
the bilingual glossary nor the earlier queries) is DEMOTED to the tuning set: all of its queries count as
"tune", `--misses` lists them, and weights, thresholds and glossary gaps may be judged on it. Held out, and
reported separately: bench/data/search_queries_blind2.jsonl (a second blind set; only its aggregate scores
are ever run, its queries are never opened and its misses never printed), `--heldout` and the held-out
(even-numbered) half of the default set. Figures before and after each change are recorded for every set
and mode in the commit messages and the session's report. Hybrid recall@3, English → Chinese / Chinese →
English, before → after session 7 (glossary vocabulary, the translation's own dense leg, the language
round-robin, the year vote below strong matches): tuning (blind) 0.50/0.67 → 0.75/0.92; held out: blind2
0.48/0.68 → 0.64/0.80, `--heldout` 0.86/0.83 → 0.86/0.83, default held-out half 0.90/0.89 → 0.90/0.89.

Protocol since session 8: bench/data/search_queries_blind2.jsonl is DEMOTED to tuning as well (its
figures above were taken while it was still held out: hybrid 0.64/0.80 is its last blind figure). Both
blind files count as "tune": their queries may be read and `--misses` lists them. The new held-out set is
bench/data/search_queries_blind3.jsonl, written from the documents by someone who had not seen the engine:
its queries are never opened and its misses never printed; its aggregate score is run exactly twice per
session, once before any change and once at the end. `--heldout` and the default held-out half stay held
out. Every mechanism is general (a class of documents or queries, tested on invented documents), never a
patch for one query.

Session 8, hybrid recall@3 zh / en / en→zh / zh→en, before (3f4b031) → after (6bab772): the year vote also
for "last year" in the next year's report, the structured translation ranking as its own list, the
dictionary's first senses, glossary terms whose words a query holds apart, a language's place only when it
holds half of the question, own-language synonyms, general glossary vocabulary. Tuning: blind 0.50 / 1.00 /
0.75 / 0.92 → 0.75 / 1.00 / 0.90 / 1.00; blind2 en→zh / zh→en 0.64 / 0.80 → 0.96 / 0.88. Held out: blind3
0.88 / 0.88 / 0.65 / 0.92 → 0.75 / 0.75 / 0.80 / 1.00; `--heldout` en→zh / zh→en 0.86 / 0.83 → 1.00 / 0.83;
default held-out half 0.92 / 1.00 / 0.90 / 0.89 → 0.83 / 0.78 / 0.90 / 0.89. Cross-lingual gains held out;
monolingual queries lost places on both held-out sets (the tuning sets hold only 8 + 21 of them, and the
one monolingual loss they showed, an English answer pushed 4th by Chinese passages, was accepted): the
next change must be judged on monolingual queries as much as on cross-lingual ones. Dense recall is unchanged
except blind3 en→zh 0.55 → 0.40 (dense mode embeds the query with its translation, which changed). Hybrid
p95 latency on the blind set, same load, interleaved runs: 83 / 88 ms → 88 / 110 ms.

Session 8, issue 13 (monolingual regression), hybrid recall@3 zh / en / en→zh / zh→en, before (e79b7cd; the
held-out figures are those taken at 6bab772 above, retrieval unchanged since) → after (bed3864): an
own-language passage holding every content word of the question takes the first two places, a confident
other language the next one (`search.WHOLE`). Tuning: default tuning half 1.00 / 0.89 / 1.00 / 1.00 → 1.00 /
1.00 / 1.00 / 1.00; blind 0.75 / 1.00 / 0.90 / 1.00 and blind2 en→zh / zh→en 0.96 / 0.88 unchanged. Held out
(run once, after the change was chosen): blind3 0.75 / 0.75 / 0.80 / 1.00 → 0.88 / 0.75 / 0.80 / 1.00;
`--heldout` en→zh / zh→en 1.00 / 0.83 unchanged; default held-out half 0.83 / 0.78 / 0.90 / 0.89 → 0.83 /
0.89 / 0.90 / 0.89. BM25 and dense unchanged. The monolingual bar (0.9) is still missed on blind3 en and zh
and the default held-out half zh (their misses are not looked at). On the tuning sets the monolingual answers
still in third place (3 Chinese) are those whose best own-language passage holds 0.6-0.7 of the question, where
the rule does not act and the other language keeps one of the first two places. Hybrid p95 on the blind set
72 ms → 90 ms (one run each, busy machine).

Protocol since session 9: bench/data/search_queries_blind3.jsonl (run three times) is DEMOTED to tuning with
the two earlier blind files, and bench/data/search_queries_tune_mono.jsonl (36 Chinese and 22 English queries
written from the dev documents in session 9: the tuning sets held only 8 + 21 monolingual queries) is tuning
too; `--misses` lists all of them. The new held-out set is bench/data/search_queries_blind4.jsonl, written by
someone who had not seen the engine: never opened, misses never printed, aggregate run exactly twice per
session (before any change and at the end). `--heldout` and the default held-out half stay held out.

Session 9, issue 13 (monolingual recall), hybrid recall@3 zh / en / en→zh / zh→en, before (93474f0) → after
(aa4fb29): the translation's lists and the query's own weigh by how much of the question each language's
best passage holds (`search.evidence_scales`), interrogatives (多少, 哪些, how many) count neither in those
shares nor in the translation (`coverage.without_interrogatives`), and the passages holding most of a
question its own language holds clearly better come first (`search.BETTER_HELD`). Tuning: mono 24/36 16/22
→ 34/36 20/22 (BM25 35/36 22/22); blind3 0.88 / 0.75 / 0.80 / 1.00 → 1.00 / 1.00 / 0.85 / 1.00; default tuning
half (1.00 everywhere), blind 0.75 / 1.00 / 0.90 / 1.00 and blind2 en→zh / zh→en 0.96 / 0.88 unchanged; all
tuning queries zh 46 → 57/60, en 35 → 41/43, en→zh 68 → 69/75, zh→en 55/58 (MRR zh 0.70 → 0.85, en 0.73 →
0.85). Held out: blind4 (run twice) 0.70 / 0.95 / 0.92 / 1.00 → 0.75 / 0.95 / 0.92 / 1.00 (BM25 0.85 / 0.95,
dense 0.65 / 0.70 / 0.50 / 0.75 unchanged); default held-out half 0.83 / 0.89 / 0.90 / 0.89 → 0.83 / 1.00 /
0.90 / 0.89; `--heldout` en→zh / zh→en 1.00 / 0.83 unchanged. BM25 unchanged, dense unchanged in recall (its
query translation loses the interrogatives: English MRR 0.49 → 0.51 on the tuning sets). Cross-lingual
stays above 0.8 everywhere; the 0.9 monolingual bar is met for English (blind4 0.95, default held-out half
1.00) and still missed for Chinese (blind4 0.75, where BM25 alone finds 0.85; default held-out half 0.83,
BM25 1.00): the Chinese answers hybrid still loses are lost among passages of their own language (on the
tuning sets, to passages the static dense ranking favours and to another yearly report's passage), not to
the other language any more. Measured and not kept (tuning sets): embedding each passage with its heading
path or its document's title (dense zh 32 → 34-35/60 but en 27 → 21-24/43, hybrid zh→en 55 → 52-53/58);
one merged list for the translation's four (cross-lingual 68 + 55 → 57-63 + 50-52); RRF k 20 or 40 instead of
60 (one query either way); an own-language coverage ranking beside the other language's (en +2, zh −1,
zh→en −1). Hybrid p95 on the blind set, interleaved runs on a busy machine (load 3.3-3.9): before 112 / 79 /
101 / 138 ms, after 74 / 57 / 105 / 103 ms: no change beyond the load's noise (the same work: the shares
`_languages_first` computed are computed before fusion instead).
The figures above are for the set's first 58 queries (m01-m58); m59-m74 (16 Chinese) were written after the
last change, to see what hybrid still loses: hybrid 13/16, BM25 14/16. Their misses are of the two kinds
above: a question about a figure of a named year ("2023年", "去年") that every yearly report prints a version
of (BM25 6th-7th as well), and a BM25-first passage that no dense ranking holds falling behind own-language
passages the dense ranking favours (RRF with k = 60 makes presence in a second list worth more than BM25's
first rank against its second). Also measured after the change and not kept: counting untranslated words
(names) against the other language's share (English +1, English → Chinese −1 and its MRR 0.85 → 0.79).

Protocol since session 10: bench/data/search_queries_blind4.jsonl (run twice as held out in session 9) is
DEMOTED to tuning with the other blind files and the monolingual tuning set; `--misses` lists all of them.
The new held-out set is bench/data/search_queries_blind5.jsonl (64 queries written from the documents by
someone who had not read the engine or the earlier sets): never opened, misses never printed, its aggregate
run once before and once after a session's change. `--heldout` and the default held-out half stay held out.
The store is now ingested with extraction, as `sinoscope ingest` stores documents (search reads the facts'
periods, see below; before that change search read no facts, so earlier figures stand).

Session 10, issue 13 (Chinese monolingual recall), hybrid recall@3 zh / en / en→zh / zh→en, before (719e62c) →
after (1cf34ed): a year named in a question matches a passage by the years of its dated figures, as extraction
dates them from the headings and openings around them, before the document's date (`query_years.dated_years`:
a 2024 report's "2023年工作回顾" is about 2023, a five-year review counts as its last year); a Chinese question's
words the bridge renders as nothing (names) count against the English share of it (`Retriever._evidence`,
one-way: Chinese text prints Latin words, English text no Han characters); `search.BETTER_HELD` 0.3 → 0.1.
Tuning: tune_mono 47/52, 20/22 → 49/52, 21/22; blind3 8/8, 8/8, 17/20, 12/12 → 8/8, 8/8, 18/20, 12/12; blind4
(now tuning) 15/20, 19/20, 11/12, 12/12 → 16/20, 19/20, 12/12, 12/12; default tuning half (1.00 everywhere),
blind 3/4, 4/4, 18/20, 12/12 and blind2 en→zh / zh→en 24/25, 22/25 unchanged; all tuning queries zh 85 →
88/96, en 60 → 61/63, en→zh 80 → 82/87, zh→en 67/70 (MRR zh 0.81 → 0.86, en 0.85 → 0.92). Held out: blind5
(run once before, once after) 0.50 / 0.75 / 0.83 / 0.92 → 0.60 / 0.75 / 0.92 / 0.92 (BM25 zh / en 0.80 / 0.90,
dense 0.60 / 0.60 / 0.25 / 0.75, both unchanged); default held-out half 0.83 / 1.00 / 0.90 / 0.89 and
`--heldout` en→zh / zh→en 1.00 / 0.83 unchanged. BM25 and dense unchanged on every set. Hybrid p95 on blind5,
the two runs back to back on a shared machine: 77 → 60 ms (noise; the figures' years are read once per
document version). The 0.9 monolingual bar is still missed on blind5 for Chinese (0.60, BM25 0.80) and English
(0.75, BM25 0.90), and on the default held-out half for Chinese (0.83). On the tuning sets the Chinese answers
hybrid still loses (8 of 96) are lost mostly to English passages that the translation's lists (terms,
dictionary words, structured ranking, the translation's dense ranking) each vote for, and, when the question
prints a year, which the query's own BM25 list holds too through that number; two ask about 去年 (last year)
with the answer in different yearly reports. Measured and not kept (tuning sets): counting every year of a
span as dated (en 60 → 59); dropping other-language passages from a Chinese query's own BM25 list (no change
alone); crediting a Chinese compound with the share of its jieba sub-words held (zh +1, zh→en −3); each
language's fused score over the weight its lists can give it (zh +2, en +2, en→zh −10, zh→en −7; square root
of it: en +2, en→zh −1, zh→en −2); numbers left out of the translation's share (zh −1: 12345热线).

Protocol since session 11: bench/data/search_queries_blind5.jsonl (run twice as held out in session 10) is
DEMOTED to tuning with the other blind files and the monolingual tuning set; `--misses` lists all of them.
The new held-out set is bench/data/search_queries_blind6.jsonl (64 queries written from the documents by
someone who had not read the engine or the earlier sets): never opened by a session that changes search,
misses never printed, run by the lead once before and once after the session. `--heldout` and the default
held-out half stay held out and are reported only before and after the session's change.

Session 11, issue 13 (monolingual recall: on blind5, held out in session 10, hybrid zh / en 0.60 / 0.75 against
BM25's 0.80 / 0.90), before (65b1609, retrieval as 1cf34ed) → after (58a3983): the own-language passage that both
of the question's own retrievers rank first (BM25 and dense, each among the passages of its language) is never
ranked below third (`search.AGREED_PLACE`: the translation's four lists come from one translation and vote
together, and pushed such a passage to 12th); removed the own-language synonyms' list (`SYNONYM_WEIGHT`), the
heavier dictionary list when the lexicon finds no term (`WORDS_ALONE`) and the lead of BM25's phrase/near tiers
(`STRONG_TIERS`), none of which moved more than one tuning query. Hybrid recall@3 zh / en / en→zh / zh→en. Tuning:
all tuning queries 100/116, 76/83, 93/99, 78/82 → 102/116, 78/83, 93/99, 77/82 (BM25 102/116, 80/83; MRR 0.813 /
0.845 / 0.829 / 0.816 → 0.814 / 0.858 / 0.822 / 0.808); blind5 (now tuning) 12/20, 15/20, 11/12, 11/12 → 15/20,
17/20, 11/12, 11/12 (BM25 16/20, 18/20); blind 3/4, 4/4, 18/20, 12/12 → 2/4, 4/4, 18/20, 12/12; blind2 en→zh /
zh→en 24/25, 22/25 → 24/25, 21/25; blind3 8/8, 8/8, 18/20, 12/12 → 8/8, 7/8, 18/20, 12/12; blind4 16/20, 19/20,
12/12, 12/12 and the default tuning half (1.00 everywhere) unchanged; tune_mono 49/52, 21/22 → 49/52, 22/22. Held
out (run once before and once after): default held-out half 0.83 / 1.00 / 0.90 / 0.89 → 0.75 / 1.00 / 0.90 / 0.89
(BM25 1.00 / 1.00; its misses not looked at); `--heldout` en→zh / zh→en 1.00 / 0.83 unchanged. BM25 and dense
unchanged on every set. Hybrid latency over the ~380 tuning queries, old and new code interleaved on a loaded
machine (load ~3): mean 48.7 / 45.7 ms → 46.3 / 49.2 ms, p95 66 / 64 → 67 / 72 ms. Measured and not kept (tuning
sets): the translation's dense leg removed as well (same recall, en→zh MRR 0.83 → 0.79); the agreed passage in
first place (same recall, en→zh MRR 0.82 → 0.79); each language fused from its own lists alone and the two
rankings merged by the share of the question each holds (a logistic of the share difference and an RRF constant,
fitted by grid search; in leave-one-file-out cross-validation 97/116, 75/83, 90/99, 76/82 with three fitted
thresholds, about the same with the dense similarities or BM25's tier as further features: deciding the language
from the shares is what loses answers, not the weights); the translation's lists fused into one list before the
top-level fusion (104/116, 78/83, 79/99, 72/82), or only when the own language holds at least as much of the
question (102/116, 77-78/83, 87-93/99, 75-77/82 for margins 0 to 0.2); the own BM25 first passage guaranteed the
first, second or third place (104/116, 77/83, 85/99, 73/82), or only when its language holds more of the question
(at most +2 Chinese, +1 English, −1 English → Chinese); the translation's share measured over the larger of the
two unit counts (+1 English, −1 English → Chinese, cross-lingual MRR −0.05).

Session 11, held out: bench/data/search_queries_blind6.jsonl, run twice by the lead (its queries never opened,
misses never printed), before (3dd80b5) and after (30087eb, which holds 58a3983), recall@3 zh / en / en→zh /
zh→en: hybrid 0.62 / 1.00 / 0.62 / 0.94 → 0.62 / 1.00 / 0.62 / 0.94 (unchanged); BM25 0.94 / 1.00 / 0.00 / 0.06;
dense 0.56 / 0.81 / 0.62 / 0.75 (both unchanged). Hybrid still loses Chinese queries that BM25 alone answers
(10/16 against 15/16), and English → Chinese is below 0.8 on it. The lead also measured on all tuning queries
(hybrid, zh / en / en→zh / zh→en, from 102/116, 78/83, 93/99, 77/82) and did not keep: the own BM25 list's
first own-language passage moved to the first, second or third place whatever the dense ranking says
(103/116, 79/83, 85/99, 72/82 for each place), and the fused list interleaved with the own BM25 list's first one
or two own-language passages (at best 103/116, 79/83, 85/99, 72/82). The tuning sets no longer show the
Chinese gap blind6 shows (hybrid equals BM25 on them), so the next change needs blind6's misses as tuning:
blind6 is DEMOTED to tuning from session 12 (it has been run twice), and the new held-out set is
bench/data/search_queries_blind7.jsonl (64 queries, written blind in session 11). Its "before" run, once, at
1f1a1ac (search code as 46db29e), recall@3 zh / en / en→zh / zh→en: hybrid 0.88 / 0.75 / 1.00 / 0.94, BM25 0.88 /
0.88 / 0.00 / 0.06, dense 0.69 / 0.69 / 0.62 / 0.81. Its "after" run, at 684dc04 (the hybrid lists fused
with RRF's rank constant 10, `search.FUSION_K`, instead of 60): hybrid 0.88 / 0.88 / 1.00 / 0.94, equal to BM25
alone in Chinese and English; BM25 and dense unchanged. With that change the default held-out half went 0.75 /
1.00 / 0.90 / 0.89 → 0.92 / 1.00 / 0.90 / 0.89 and `--heldout` stayed 1.00 / 0.83. blind7 has now been run twice:
it is tuning too (`TUNING_FILES`), and the next search change needs a new blind set.

Session 12 (helper, Chinese hybrid below BM25), all tuning queries (default tuning half, blind, blind2-7,
tune_mono), hybrid recall@3 zh / en / en→zh / zh→en from 128/148, 109/115, 121/131, 106/114 (BM25 131/148,
110/115): kept the structured ranking's vote scaled by its coverage score (`search.STRUCTURED_SCORE_POWER`,
129/148, 109/115, 124/131, 106/114). Measured and not kept: each list's vote scaled by the passage's share of
the question (own words for its own language, translated units for the other; × (0.1 + share)^1: 128-130,
108-109, 122-123, 105; ^2: 130, 108, 119, 103), with or without `evidence_scales`, and without the first-place
rules (127, 103, 123, 108); the term list scaled by terms held over terms found (128, 109, 121, 106); BM25 lists
scaled by score over first score (125, 108, 121, 106); the translation's lists as one voter, its best vote
plus λ × the others (λ 0: 129, 109, 104, 98; λ 0.3-0.5: 128-129, 109, 112-117, 101-102); `evidence_scales`
sharpened (power 2, 3: 128, 108-109, 121, 105-106), applied to the dense list too, or moved by the gap
between the best own- and other-language dense similarities (128-129, 108, 114-121, 105); the shares
weighted by each unit's rarity among its language's candidates (127, 109, 120, 105); the own language's
first place (instead of `BETTER_HELD`) decided by share gap + dense gap (127-128, 108-109, 121, 106: gains
blind6's two BM25-first misses, loses three answers `BETTER_HELD` found). Share gap and dense gap together
tell queries answered in their own language from cross-lingual ones with 39 errors in 508 (share gap alone
49): no fixed decision fits. The Chinese misses left are mostly passages BM25 ranks 1-3 whose words the
question paraphrases (新能源车 / 新能源汽车, 全世界 / 全球), so the word shares rank another own-language
passage first, and passages no dense ranking holds.

Session 12, held out: bench/data/search_queries_blind8.jsonl (64 queries, written blind from the dev documents
before any change). Run twice, at 58da277 (before) and at fc3e9e3 (after the structured score power and
the Chinese character pairs of `fts_query.han_pairs`), identical both times: hybrid 0.38 / 0.88 / 0.88 /
0.88, BM25 0.50 / 0.94 / 0.00 / 0.00, dense 0.56 / 0.88 / 0.44 / 0.62. Its Chinese queries paraphrase the
documents more than any earlier set's, and hybrid falls below both of its own-language legs there. blind8
is now tuning too (`TUNING_FILES`); the next search change needs a new blind set.

Session 13, held out: bench/data/search_queries_blind9.jsonl (64 queries, written blind from the dev documents
by a helper who read neither the engine nor any earlier set, committed before the change). Run twice. Before
(2337364): hybrid 0.75 / 0.88 / 0.69 / 1.00, BM25 0.88 / 0.88 / 0.00 / 0.00, dense 0.75 / 0.62 / 0.50 / 0.94.
After (a Chinese query's own passages ranked by how many of its words they hold, fused as a list beside its BM25
one: `Retriever.own_coverage_ranking`): hybrid 0.94 / 0.88 / 0.69 / 0.94; BM25 and dense unchanged. Tuning
(every file above, blind8 included) 136/164, 123/131, 138/147, 120/130 → 142/164, 123/131, 138/147, 118/130;
blind8 hybrid 0.38 / 0.88 / 0.88 / 0.88 → 0.56 / 0.88 / 0.88 / 0.88; default held-out half 0.92 / 1.00 / 0.90 /
0.89 → 1.00 / 1.00 / 0.90 / 0.89; `--heldout` 1.00 / 0.83 unchanged. blind9 is now tuning too.

Sessions 14-15: bench/data/search_queries_blind10.jsonl was the held-out set (run four times: hybrid 1.00 / 0.88 /
0.81 / 0.94 every time); since session 16 it is tuning too.

Session 16, held out: bench/data/search_queries_blind11.jsonl (64 queries, written blind from the dev documents
by a helper who read neither the engine nor any earlier set, committed before the change). Run twice, at the
session's start (cc0e121) and end: hybrid 1.00 / 0.94 / 0.75 / 1.00 both times (en→zh among passages of the
other language 0.81), BM25 1.00 / 0.94 / 0.00 / 0.12, dense 0.69 / 0.75 / 0.62 / 0.81. The changes (an English
question's untranslatable names count against the Chinese share, `search._written_as_name`; the question's own language
keeps no place when far behind, `search.FAR_BEHIND`) gained blind10 English 14 → 15 and blind8 en→zh 14 → 15 on
the tuning files and left every other file unchanged. blind11 is now tuning too.

Session 17, held out: bench/data/search_queries_blind12.jsonl (64 queries, written blind from the dev documents
by a helper who read neither the engine nor any earlier set, committed before its first run, 36330af). Search
did not change this session. Run at the start (three times, identical: the first two printed only part of the
table) and at the end (93ca16a), identical: hybrid 1.00 / 1.00 / 0.81 / 1.00 (en→zh among passages of the other
language 0.88), BM25 1.00 / 1.00 / 0.00 / 0.06, dense 0.62 / 0.81 / 0.50 / 0.62. blind12 is now tuning too, and
the next search change needs a new blind set.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_DOCS = (REPO / ".." / "shared" / "dev" / "docs").resolve()
QUERIES = Path(__file__).resolve().parent / "data" / "search_queries.jsonl"
HELDOUT = Path(__file__).resolve().parent / "data" / "crosslingual_heldout.jsonl"
TUNING = Path(__file__).resolve().parent / "data" / "search_queries_blind.jsonl"
TUNING_FILES = (
    TUNING,
    Path(__file__).resolve().parent / "data" / "search_queries_blind2.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind3.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_tune_mono.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind4.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind5.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind6.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind7.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind8.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind9.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind10.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind11.jsonl",
    Path(__file__).resolve().parent / "data" / "search_queries_blind12.jsonl",
)
"""Query files all of whose queries are the tuning set (see the protocol above)."""
sys.path.insert(0, str(REPO))

from sinoscope.app.pipeline import ingest_paths  # noqa: E402
from sinoscope.app.stages import extract  # noqa: E402
from sinoscope.documents.zh_variants import is_han  # noqa: E402
from sinoscope.retrieval.embedding import Embedder  # noqa: E402
from sinoscope.retrieval.search import Mode  # noqa: E402
from sinoscope.retrieval.service import open_retriever, sync_dense_index  # noqa: E402
from sinoscope.store import SqliteStore  # noqa: E402

K = 3
DEEP = 50
LANGS = ("zh", "en", "en2zh", "zh2en")
CROSS = {"en2zh": "zh", "zh2en": "en"}


@dataclass(frozen=True)
class Query:
    id: str
    lang: str
    q: str
    docs: tuple[str, ...]
    key: str
    held_out: bool = False
    tuning: bool = False

    @property
    def split(self) -> str:
        if self.held_out:
            return "held"
        if self.tuning:
            return "tune"
        return "tune" if int("".join(ch for ch in self.id if ch.isdigit())) % 2 else "held"


def load_queries(path: Path = QUERIES, *, held_out: bool = False, tuning: bool = False) -> list[Query]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("type", "query") != "query":
            continue
        docs = tuple(r["doc"]) if isinstance(r["doc"], list) else (r["doc"],)
        out.append(Query(r["id"], r["lang"], r["q"], docs, r["key"], held_out, tuning))
    return out


def write_heldout_docs(folder: Path, path: Path = HELDOUT) -> list[Path]:
    """The held-out set's invented documents, written as files to ingest."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line) if line.strip() else {}
        if r.get("type") == "doc":
            file = folder / r["file"]
            file.write_text(r["text"], encoding="utf-8")
            out.append(file)
    return out


def embedders() -> dict[str, str]:
    """Name → dotted factory; imported lazily so a missing optional package only fails when chosen."""
    return {
        "minilm": "sinoscope.retrieval.minilm:MiniLMEmbedder",
        "use": "sinoscope.retrieval.use_multilingual:USEEmbedder",
        "use-static": "sinoscope.retrieval.use_multilingual:load_use_static",
    }


def make_embedder(name: str) -> Embedder:
    module, _, attr = embedders()[name].partition(":")
    factory = getattr(__import__(module, fromlist=[attr]), attr)
    emb: Embedder = factory()
    return emb


def run(args: argparse.Namespace) -> int:
    files = sorted(p for p in Path(args.docs).glob("*") if p.suffix in {".txt", ".md", ".html", ".pdf", ".docx"})
    if not files:
        print(f"skipped: no documents in {args.docs}")
        return 0
    path = Path(args.queries)
    if args.heldout:
        queries = load_queries(HELDOUT, held_out=True)
    else:
        tuning = path.resolve() in {t.resolve() for t in TUNING_FILES}
        queries = load_queries(path, held_out=not tuning and path.resolve() != QUERIES.resolve(), tuning=tuning)
    with tempfile.TemporaryDirectory(prefix="sinoscope-score-search-") as tmp:
        if args.heldout:
            (Path(tmp) / "heldout").mkdir()
            files += write_heldout_docs(Path(tmp) / "heldout")
        db = Path(tmp) / "dev.sqlite"
        with SqliteStore(db) as store:
            t0 = time.perf_counter()
            report = ingest_paths(store, files, extract=extract)  # with its facts, as `sinoscope ingest` stores it
            ingest_s = time.perf_counter() - t0
            for r in report.errors:
                print(f"error: {r.error}")
            stem = {d.doc_id: Path(d.path).stem for d in store.list_documents()}
            n_blocks = sum(d.blocks for d in store.list_documents())
            emb = make_embedder(args.embedder)
            t1 = time.perf_counter()
            sync_dense_index(store, db, embedder=emb)
            embed_s = time.perf_counter() - t1
            print(
                f"{len(files)} documents, {n_blocks} blocks; ingest {ingest_s:.1f} s;"
                f" dense index ({emb.name}) {embed_s:.1f} s = {n_blocks / embed_s:.0f} blocks/s;"
                f" query bridge: {'off' if args.no_bridge else 'bilingual lexicon + CC-CEDICT'}"
            )
            texts: dict[str, str] = {}

            def relevant(anchor: str, q: Query) -> bool:
                doc_id = anchor.partition("#")[0]
                if stem.get(doc_id) not in q.docs:
                    return False
                if anchor not in texts:
                    block = store.get_block(anchor)
                    texts[anchor] = block.text
                return q.key in texts[anchor]

            lang_of = {d.doc_id: _lang(store.document_text(d.doc_id)) for d in store.list_documents()}
            results: dict[tuple[str, str], bool] = {}
            within: dict[tuple[str, str], bool] = {}
            misses: list[str] = []
            latency: dict[str, float] = {}
            p95: dict[str, float] = {}
            for mode in (Mode.BM25, Mode.DENSE, Mode.HYBRID):
                retriever = open_retriever(store, db, mode, embedder=emb, bridge=not args.no_bridge)
                try:
                    spent = 0.0
                    times: list[float] = []
                    for q in queries:
                        t2 = time.perf_counter()
                        deep = retriever.search(q.q, mode, DEEP)
                        times.append(time.perf_counter() - t2)
                        spent += times[-1]
                        hits = deep[:K]
                        ok = any(relevant(h.anchor, q) for h in hits)
                        results[(mode.value, q.id)] = ok
                        if q.lang in CROSS:
                            target = CROSS[q.lang]
                            kept = [h for h in deep if lang_of[h.anchor.partition("#")[0]] == target][:K]
                            within[(mode.value, q.id)] = any(relevant(h.anchor, q) for h in kept)
                        if not ok and q.split == "tune":  # a held-out query's miss is never shown
                            misses.append(f"{mode.value:6} {q.id:5} {q.q}  -> {[h.anchor for h in hits]}")
                    latency[mode.value] = 1000 * spent / len(queries)
                    p95[mode.value] = 1000 * sorted(times[1:] or times)[int(0.95 * (len(times[1:] or times) - 1))]
                finally:
                    retriever.close()
    print(
        "mean ms per query (top 50, the first query loads the lexicons): "
        + ", ".join(f"{m} {ms:.1f}" for m, ms in latency.items())
        + "; p95 without the first query: "
        + ", ".join(f"{m} {ms:.1f}" for m, ms in p95.items())
    )
    _print_table(queries, results)
    print(f"\ncross-lingual queries, recall@{K} among passages of the other language's documents (as in CLIR")
    print("evaluation: a same-language passage holding the query's own words is a fair hit in a mixed store):")
    _print_table([q for q in queries if q.lang in CROSS], within, langs=tuple(CROSS))
    if args.misses:
        print("\nmisses:")
        for m in misses:
            print("  " + m)
    return 0


def _lang(text: str) -> str:
    han = sum(1 for ch in text if is_han(ch))
    letters = sum(1 for ch in text if ch.isalpha())
    return "zh" if letters and han / letters > 0.3 else "en"


def _print_table(queries: list[Query], results: dict[tuple[str, str], bool], langs: tuple[str, ...] = LANGS) -> None:
    print(f"\nrecall@{K} (hits/queries)   " + "   ".join(f"{lang:>13}" for lang in langs) + "          all")
    for split in ("tune", "held", "all"):
        for mode in ("bm25", "dense", "hybrid"):
            cells = []
            for lang in (*langs, "*"):
                qs = [q for q in queries if (lang == "*" or q.lang == lang) and (split == "all" or q.split == split)]
                ok = sum(results[(mode, q.id)] for q in qs)
                cells.append(f"{ok / len(qs):.2f} ({ok:2}/{len(qs):2})" if qs else "-")
            print(f"{split:5} {mode:7}              " + "   ".join(f"{c:>13}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default=str(DEV_DOCS), help="folder with the dev documents")
    parser.add_argument("--embedder", default="use-static", choices=sorted(embedders()))
    parser.add_argument(
        "--no-bridge",
        action="store_true",
        help="no query translation (bilingual lexicon, CC-CEDICT) in dense and hybrid mode",
    )
    parser.add_argument("--heldout", action="store_true", help="score the cross-lingual held-out set instead")
    parser.add_argument(
        "--queries",
        default=str(QUERIES),
        help="query file to score (any file but the default and the tuning files"
        " search_queries_blind{,2,...,11}.jsonl and search_queries_tune_mono.jsonl counts as held out)",
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list the tuning queries (odd half of the default set, all of search_queries_blind{,2,...,11}.jsonl"
        " and search_queries_tune_mono.jsonl) whose passage"
        " was not in the top 3 (held-out misses are never listed)",
    )
    args = parser.parse_args()
    sys.exit(run(args))


if __name__ == "__main__":
    main()
