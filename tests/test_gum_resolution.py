"""The GUM gold conversion: coreference clusters and attribution sources to gold referents.

The snippets imitate GUM's WebAnno TSV and eRST rows; their text was written for this test.
"""

from __future__ import annotations

from saidwhat.evaluation.gum_resolution import attribution_sources, gold_referent, read_coref

COREF = "\n".join(
    [
        "#FORMAT=WebAnno TSV 3.2",
        "#Text=Mayor Ann Lee spoke .",
        "1-1\t0-5\tMayor\tperson[1]\tnew[1]\t_\t_\t_\tcoref\t2-1[0_1]\t",
        "1-2\t6-9\tAnn\tperson[1]\tnew[1]\t_\t_\t_\t_\t_\t",
        "1-3\t10-13\tLee\tperson[1]\tnew[1]\t_\t_\t_\t_\t_\t",
        "1-4\t14-19\tspoke\t_\t_\t_\t_\t_\t_\t_\t",
        "1-5\t20-21\t.\t_\t_\t_\t_\t_\t_\t_\t",
        "#Text=She said officials agreed .",
        "2-1\t22-25\tShe\tperson[2]\tgiv[2]\t_\t_\t_\t_\t_\t",
        "2-2\t26-30\tsaid\t_\t_\t_\t_\t_\t_\t_\t",
        "2-3\t31-40\tofficials\tperson[3]\tnew[3]\t_\t_\t_\t_\t_\t",
        "2-4\t41-47\tagreed\t_\t_\t_\t_\t_\t_\t_\t",
        "2-5\t48-49\t.\t_\t_\t_\t_\t_\t_\t_\t",
    ]
)
# The relation of token 1-1 points at entity 2 ("She") from entity 1 ("Mayor Ann Lee").
COREF = COREF.replace("2-1[0_1]", "2-1[2_1]")
RSD = "\n".join(
    [
        "1\tShe said\t0\t_\t_\t_\t2\tattribution-positive_r\t_\tsemantic-attribution_source-6-gold",
        "2\tofficials agreed\t0\t_\t_\t_\t3\tattribution-positive_r\t_\tsemantic-attribution_source-8-_",
    ]
)


def _is_role(word: str) -> bool:
    return word.lower() == "mayor"


def test_sources_resolve_to_their_clusters_fullest_name() -> None:
    document = read_coref("GUM_news_toy", COREF)
    assert document.text == "Mayor Ann Lee spoke .\nShe said officials agreed ."
    she, officials = attribution_sources(RSD)
    assert [document.tokens[i].text for i in she] == ["She"]
    assert gold_referent(document, she, _is_role) == {"kind": "person", "name": "Ann Lee", "aliases": []}
    assert gold_referent(document, officials, _is_role) == {"kind": "anonymous", "name": ""}
