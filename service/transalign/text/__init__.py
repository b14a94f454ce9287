"""text stage: normalization for matching, words and stopwords, name skeletons, sentences, numbers (docs/architecture.md)."""
