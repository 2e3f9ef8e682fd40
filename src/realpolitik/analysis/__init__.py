"""Analysis: answers from series (dependence tests, claims), each a result object with a
verdict, its reason, the numbers behind it and their provenance."""
