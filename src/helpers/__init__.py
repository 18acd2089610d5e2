"""Helpers for the news-coverage notebooks: corpus -> text -> actors/quotes -> tables.

Modules follow the pipeline (each imports only from those above it in this list):

- :mod:`helpers.paths`: every location, overridable;
- :mod:`helpers.corpus`: folder of articles -> articles table, cleaning audit, load report;
- :mod:`helpers.tokenizers`: NLTK's Punkt and Treebank rules applied to many sentences at once;
- :mod:`helpers.text`: sentences, tokens, stems, n-grams;
- :mod:`helpers.syntax`: spaCy parses and entities of the sentences that need them;
- :mod:`helpers.actors`: alias table and discovered entities -> actors and their mentions;
- :mod:`helpers.quotes`: direct quotes and their speakers, cited outside sources;
- :mod:`helpers.stance`: claims by codebook rules, reliability, discourse network (notebook 03);
- :mod:`helpers.processed`: schemas, building and writing the processed tables;
- :mod:`helpers.evaluation`: quotes and claims measured against hand codes;
- :mod:`helpers.compare`: article profiles, similarity, tone, summit timeline (notebook 01);
- :mod:`helpers.terms`: frequencies, keyness, collocations, tf-idf, concordance (notebook 02);
- :mod:`helpers.topics`: paragraph units, NMF and k-means topics, choosing k (notebook 04);
- :mod:`helpers.plots`: figures for the notebooks;
- :mod:`helpers.reports`: running the suite and rendering offline HTML reports.
"""

__version__ = "0.1.0"
