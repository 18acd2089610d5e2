"""Helpers for the news-coverage notebooks: corpus -> text -> actors/quotes -> tables.

Modules follow the pipeline (each imports only from those above it in this list):

- :mod:`helpers.paths`: every location, overridable;
- :mod:`helpers.corpus`: folder of articles -> articles table, cleaning audit, load report;
- :mod:`helpers.text`: sentences, tokens, stems, n-grams;
- :mod:`helpers.actors`: alias table -> actor mentions;
- :mod:`helpers.quotes`: direct quotes and their speakers, cited outside sources;
- :mod:`helpers.processed`: schemas, building and writing the processed tables;
- :mod:`helpers.compare`: article profiles, similarity, tone, summit timeline (notebook 01);
- :mod:`helpers.terms`: frequencies, keyness, collocations, tf-idf, concordance (notebook 02);
- :mod:`helpers.plots`: figures for the notebooks.
"""

__version__ = "0.1.0"
