"""actorgraph: political and conflict actors and their relations, as a graph you can question."""

from graph.build import build_graph
from graph.errors import ActorGraphError, ActorNotFoundError, DataError, Problem, QueryError
from graph.load import bundled_dataset_path, load_dataset, load_text
from graph.model import Actor, Dataset, Evidence, Relation, RelationType

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorGraphError",
    "ActorNotFoundError",
    "DataError",
    "Dataset",
    "Evidence",
    "Problem",
    "QueryError",
    "Relation",
    "RelationType",
    "__version__",
    "build_graph",
    "bundled_dataset_path",
    "load_dataset",
    "load_text",
]
