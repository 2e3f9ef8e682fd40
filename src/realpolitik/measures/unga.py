"""UN General Assembly vote agreement per directed dyad-year, three ways.

Over the roll calls of year t in which both i and j voted (yes, abstain or no; absences are
not in the data), with n such roll calls and votes coded yes = 1, abstain = 2, no = 3:

- `unga_agreement`: share of identical votes, Σ [x_i = x_j] / n.
- `unga_agreement_s`: Signorino and Ritter's S with the metric distance,
  1 − 2 Σ |x_i − x_j| / (n · d_max), d_max = 2; so an abstention against a yes counts half a
  disagreement. It runs from −1 to 1; (S + 1)/2 is Voeten's "agree" index.
- `unga_agreement_kappa`: Cohen's κ (Häge 2011), chance-corrected agreement
  (p_o − p_e)/(1 − p_e), p_o the share of identical votes and p_e = Σ_c p_i(c) p_j(c) over
  c ∈ {yes, abstain, no} with each state's own vote shares on those roll calls; NULL when
  p_e = 1 (both always voted the same single way).

All three are symmetric; both directions are stored so any directed query finds them.
"""

from __future__ import annotations

from realpolitik.measures.indicators import Indicator

_PAIRS = """
WITH v AS (
  SELECT v.rcid, year(r.date) AS year, v.code,
         CASE v.vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 ELSE 3 END AS x
  FROM unga_votes v JOIN unga_roll_calls r USING (rcid)
), pairs AS (
  SELECT a.year, a.code AS source, b.code AS target, count(*) AS n,
    count(*) FILTER (a.x = b.x) AS same, sum(abs(a.x - b.x)) AS dist,
    count(*) FILTER (a.x = 1) AS a1, count(*) FILTER (a.x = 2) AS a2,
    count(*) FILTER (a.x = 3) AS a3, count(*) FILTER (b.x = 1) AS b1,
    count(*) FILTER (b.x = 2) AS b2, count(*) FILTER (b.x = 3) AS b3
  FROM v a JOIN v b ON a.rcid = b.rcid AND a.code <> b.code
  GROUP BY ALL
), measured AS (
  SELECT *, same / n AS p_o, (a1 * b1 + a2 * b2 + a3 * b3) / (n * n) AS p_e,
    'unga_votes: the ' || n || ' roll calls of ' || year || ' both voted in' AS provenance
  FROM pairs
)
"""
_ROW = "SELECT '{name}', source, target, make_date(year, 1, 1), 'year', {value}, provenance"

AGREEMENT = Indicator(
    name="unga_agreement",
    also=("unga_agreement_s", "unga_agreement_kappa"),
    formula=(
        "share identical = Σ[x_i = x_j]/n; S = 1 − Σ|x_i − x_j|/n (yes 1, abstain 2, no 3); "
        "κ = (p_o − p_e)/(1 − p_e), p_e = Σ_c p_i(c)·p_j(c); over the n roll calls of the "
        "year both voted in"
    ),
    needs=("unga_votes", "unga_roll_calls"),
    sql=_PAIRS
    + " UNION ALL ".join(
        _ROW.format(name=name, value=value) + " FROM measured"
        for name, value in (
            ("unga_agreement", "p_o"),
            ("unga_agreement_s", "1 - dist / n"),
            ("unga_agreement_kappa", "CASE WHEN p_e < 1 THEN (p_o - p_e) / (1 - p_e) END"),
        )
    ),
)

INDICATORS: tuple[Indicator, ...] = (AGREEMENT,)
