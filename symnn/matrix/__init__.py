"""Lemma 1 in matrix form over a batch: the nodes, the program and its one evaluator.

SymPy only, like the rest of the core: :mod:`symnn.numeric` prints the program into NumPy,
JAX, PyTorch or numba code.
"""

from symnn.matrix.evaluate import evaluate, gradient_at
from symnn.matrix.nodes import Elementwise, EntrySum, Softmax
from symnn.matrix.program import BATCH, MatrixProgram, matrix_program

__all__ = ["BATCH", "Elementwise", "EntrySum", "MatrixProgram", "Softmax", "evaluate", "gradient_at", "matrix_program"]
