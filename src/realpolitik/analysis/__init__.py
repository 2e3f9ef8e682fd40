"""Analysis: answers from series (dependence tests, claims), each a result object with a
verdict, its reason, the numbers behind it and their provenance.

The grid's defaults live here, apart from the statistics, so the command line can show them
without loading statsmodels.
"""

DEFAULT_FREQS = ("week", "month")
DEFAULT_MEASURES = ("goldstein", "quad_net")
DEFAULT_NORMALIZATIONS = ("none", "total")
DEFAULT_DEDUPS = ("none", "daily")
