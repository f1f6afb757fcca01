"""Naive Bayes feature weighting: scale each n-gram by how unevenly the labels use it.

After TF-IDF, every column is multiplied by ``|log r| ** power``, where ``r`` is the
ratio of the column's share of sextortion messages to its share of other messages (each
counted once per message, add-``alpha`` smoothed): the log-count ratio of Wang and
Manning's NBSVM. An n-gram that both labels use alike ("i", "now", "000") is scaled
towards zero, so it cannot carry a short message on its own; one that one label uses
far more keeps its weight. The classifier still learns each weight and its sign.

Because the scaling is a fixed diagonal matrix, the exported model folds it into the
classifier's coefficients (``engine.LinearBundle.from_pipeline``): scoring does no more
arithmetic than before. Imported only when training (it needs scikit-learn).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["NaiveBayesWeighting"]


class NaiveBayesWeighting(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Multiply each column by ``|log-count ratio| ** power`` (learnt in ``fit``).

    ``weights_`` holds the multipliers, one per column.
    """

    def __init__(self, power: float = 0.5, alpha: float = 1.0) -> None:
        self.power = power
        self.alpha = alpha

    def fit(self, X: Any, y: Any) -> NaiveBayesWeighting:
        present = (sp.csr_matrix(X) > 0).astype(np.float64)
        labels = np.asarray(y)
        if set(np.unique(labels)) != {0, 1}:
            raise ValueError("NaiveBayesWeighting needs labels 0 and 1")
        positive = self.alpha + np.asarray(present[labels == 1].sum(axis=0)).ravel()
        negative = self.alpha + np.asarray(present[labels == 0].sum(axis=0)).ravel()
        ratio = np.log(positive / positive.sum()) - np.log(negative / negative.sum())
        self.weights_ = np.abs(ratio) ** self.power
        self.n_features_in_ = present.shape[1]
        return self

    def transform(self, X: Any) -> Any:
        check_is_fitted(self, "weights_")
        return sp.csr_matrix(X) @ sp.diags(self.weights_)

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        return np.asarray(input_features, dtype=object)
