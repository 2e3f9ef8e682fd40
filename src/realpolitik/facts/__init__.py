"""Facts: answers to an analyst's questions from the store, as DataFrames with provenance."""
