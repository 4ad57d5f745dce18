#!/usr/bin/env bash
# `factgraph nlp` (CoNLL-U out, both pipelines) and the extractors' names for them.
source "$(dirname "$0")/common.bash"

printf 'Amnesty said the phones were infected with Pegasus.\n' > "$WORK/in.txt"
for mode in "" --fast --accurate; do
    expect_status 0 "$FG" nlp $mode "$WORK/in.txt"
    # Ten tab-separated columns per word; the verb heads the sentence, Amnesty is its subject.
    awk -F'\t' '!/^#/ && NF && NF != 10 { bad = 1 } END { exit bad }' "$WORK/out" || fail "nlp $mode: not 10 columns"
    expect_in "$WORK/out" $'2\tsaid\tsay\tVERB\tVBD\t_\t0\troot'
    expect_in "$WORK/out" $'1\tAmnesty\tAmnesty\tPROPN\tNNP\t_\t2\tnsubj\t_\tNER=B-ORG'
    expect_in "$WORK/out" $'6\tinfected\tinfect\tVERB\tVBN\t_\t2\tccomp'
done

# Pre-tokenised CoNLL-U keeps its sentence ids and words.
printf '# sent_id = s7\n1\tNSO\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdenied\t_\t_\t_\t_\t_\t_\t_\t_\n3\tit\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$WORK/in.conllu"
expect_status 0 "$FG" nlp --accurate --input conllu "$WORK/in.conllu"
expect_in "$WORK/out" "# sent_id = s7"
expect_in "$WORK/out" $'2\tdenied\tdeny\tVERB\tVBD\t_\t0\troot'

# ... and its multiword tokens; one that covers words the sentence lacks is an error naming the line.
printf '# sent_id = m1\n1\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n4\tknow\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$WORK/mwt.conllu"
expect_status 0 "$FG" nlp --input conllu "$WORK/mwt.conllu"
expect_in "$WORK/out" $'2-3\tdon\'t\t_'
expect_in "$WORK/out" $'3\tn\'t\tnot\tPART'
printf '1-2\tdon'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$WORK/bad.conllu"
expect_status 1 "$FG" nlp --input conllu "$WORK/bad.conllu"
expect_in "$WORK/err" "bad.conllu:1: multiword token 1-2"

# An input larger than one batch (about 256 KiB, docs/nlp.md "Inputs of any size") is annotated a
# batch at a time: every sentence comes out once, numbered on across the batches, and invalid UTF-8
# after the first batch names the byte's offset in the whole input.
paragraph='NSO Group denied the report on Monday. Amnesty said the phones were infected.'
for i in $(seq 1 4000); do printf '%s\n\n' "$paragraph"; done > "$WORK/long.txt"
expect_status 0 "$FG" nlp "$WORK/long.txt"
[[ $(grep -c '^# text = ' "$WORK/out") == 8000 ]] || fail "nlp long input: expected 8000 sentences"
expect_in "$WORK/out" "# sent_id = 8000"
cp "$WORK/long.txt" "$WORK/long_bad.txt"
printf 'Bad \xff byte.\n' >> "$WORK/long_bad.txt"
expect_status 1 "$FG" nlp "$WORK/long_bad.txt"
expect_in "$WORK/err" "long_bad.txt: not valid UTF-8 (first bad byte at offset $(( $(wc -c < "$WORK/long.txt") + 4 )))"

# --fast and --accurate (the default's old name) are one choice.
expect_status 2 "$FG" nlp --fast --accurate "$WORK/in.txt"
expect_in "$WORK/err" "excludes"

# Who said what with each pipeline; every fact names the one that found it. nlp-accurate is the old
# name of nlp, kept for scripts.
for pair in nlp:nlp-v2 nlp-accurate:nlp-v2 nlp-fast:nlp-fast-v1; do
    expect_status 0 "$FG" extract --extractor "${pair%%:*}" --format jsonl "$SRC/examples/pegasus/pegasus-2021-07-21.txt"
    expect_in "$WORK/out" '"stance":"deny"'
    expect_in "$WORK/out" "\"extractor\":\"${pair#*:}\""
    expect_in "$WORK/out" "never targeted"
    expect_in "$WORK/out" '"speaker_text":"NSO'
done

# A data folder without the parser reading supertags: --fast works, the default names the missing file.
mkdir -p "$WORK/data/models"
cp -r "$SRC/data/lexicons" "$WORK/data/"
for f in tagger.bin lemmatizer.bin parser.bin ner.bin; do cp "$SRC/data/models/$f" "$WORK/data/models/"; done
expect_status 0 "$FG" nlp --fast --data "$WORK/data" "$WORK/in.txt"
expect_status 1 "$FG" nlp --data "$WORK/data" "$WORK/in.txt"
expect_in "$WORK/err" "parser-supertags.bin"
# ... and without the supertagger it reads, that file.
cp "$SRC/data/models/parser-supertags.bin" "$WORK/data/models/"
expect_status 1 "$FG" nlp --data "$WORK/data" "$WORK/in.txt"
expect_in "$WORK/err" "supertagger.bin"

finish
