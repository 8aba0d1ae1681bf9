"""The gradient of a batch cost: symnn's compiled matrix program against hand NumPy, PyTorch autograd and JAX.

For each architecture (sigmoid layers, Higham & Higham's quadratic cost (9), mean over the
batch), batch size N and dtype, in one process, medians of repeated calls:

- ``hand numpy``: twenty lines of Lemma 1 in NumPy matrix products (the reference);
- ``torch autograd``: the cost in PyTorch, ``backward()``;
- ``jax.grad``: ``jax.jit(jax.grad(cost))``;
- ``symnn numpy|jax|torch``: ``Network(...).compile(backend, dtype).gradient(theta, X, Y)``;

and the time to derive + compile each symnn backend (``Network(...).compile``: the matrix
program, lambdify, first call). Every contender runs on ONE thread (BLAS via threadpoolctl,
``torch.set_num_threads(1)``, XLA's CPU client as configured): the machine is shared, and
threads made small products 30 times slower on it while other jobs ran.

Run: ``python benchmarks/batch_gradient.py`` (``--quick`` for one architecture).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable

import numpy as np

ARCHITECTURES = [(64, 32, 10), (784, 30, 10), (784, 128, 10), (784, 300, 100, 10)]
BATCHES = [1, 100, 1000]
DTYPES = ["float64", "float32"]


def median_seconds(call: Callable[[], object], budget: float = 0.25) -> float:
    """Median wall time of ``call`` over as many repeats as fit in ``budget`` seconds (at least 3)."""
    call()
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - started < budget and len(times) < 200):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def unpack(theta: np.ndarray, sizes: tuple[int, ...]) -> list[tuple[np.ndarray, np.ndarray]]:
    blocks, at = [], 0
    for n_in, n_out in itertools.pairwise(sizes):
        W = theta[at : at + n_out * n_in].reshape(n_out, n_in)
        at += n_out * n_in
        b = theta[at : at + n_out].reshape(n_out, 1)
        at += n_out
        blocks.append((W, b))
    return blocks


def hand_numpy(theta: np.ndarray, XT: np.ndarray, YT: np.ndarray, sizes: tuple[int, ...]) -> np.ndarray:
    """Lemma 1 by hand: forward, δ recursion, δ Aᵀ / N."""
    params = unpack(theta, sizes)
    A = [XT]
    for W, b in params:
        A.append(1.0 / (1.0 + np.exp(-(W @ A[-1] + b))))
    N = XT.shape[1]
    delta = A[-1] * (1 - A[-1]) * (A[-1] - YT)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        grads.append(((delta @ A[layer].T) / N).ravel())
        grads.append((delta.sum(axis=1) / N).ravel())
        if layer:
            delta = A[layer] * (1 - A[layer]) * (params[layer][0].T @ delta)
    order = []
    for k in range(len(params) - 1, -1, -1):
        order += [grads[2 * k], grads[2 * k + 1]]
    return np.concatenate(order)


def torch_autograd(sizes: tuple[int, ...], dtype: str) -> Callable[[np.ndarray, np.ndarray, np.ndarray], object]:
    import torch

    torch.set_num_threads(1)
    torch_dtype = getattr(torch, dtype)

    def grad(theta: np.ndarray, XT: np.ndarray, YT: np.ndarray) -> object:
        t = torch.from_numpy(theta).to(torch_dtype).requires_grad_(True)
        A, Y = torch.from_numpy(XT), torch.from_numpy(YT)
        for W, b in unpack(t, sizes):  # type: ignore[arg-type]
            A = torch.sigmoid(W @ A + b)
        cost = 0.5 * ((A - Y) ** 2).sum() / XT.shape[1]
        cost.backward()
        return t.grad

    return grad


def jax_grad(sizes: tuple[int, ...], dtype: str) -> Callable[[np.ndarray, np.ndarray, np.ndarray], object]:
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)

    def cost(theta, XT, YT):  # type: ignore[no-untyped-def]
        A = XT
        for W, b in unpack(theta, sizes):
            A = jax.nn.sigmoid(W @ A + b)
        return 0.5 * jnp.sum((A - YT) ** 2) / XT.shape[1]

    compiled = jax.jit(jax.grad(cost))

    def grad(theta: np.ndarray, XT: np.ndarray, YT: np.ndarray) -> object:
        return compiled(theta, XT, YT).block_until_ready()

    return grad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="784-128-10 only, N = 1000")
    args = parser.parse_args()
    from threadpoolctl import threadpool_limits

    from symnn import Network

    architectures = [(784, 128, 10)] if args.quick else ARCHITECTURES
    batches = [1000] if args.quick else BATCHES
    with threadpool_limits(1):
        for sizes in architectures:
            spec = "-".join(map(str, sizes))
            net = Network(list(sizes))
            P = len(net.parameters())
            for dtype in DTYPES:
                symnn_backends = {}
                for backend in ("numpy", "jax", "torch"):
                    started = time.perf_counter()  # derive (the network and its matrix program) + compile
                    symnn_backends[backend] = Network(list(sizes)).compile(backend, dtype=dtype, form="matrix")
                    print(f"{spec} {dtype}: derive + compile symnn {backend}: {time.perf_counter() - started:.2f} s")
                baselines = {"torch autograd": torch_autograd(sizes, dtype), "jax.grad": jax_grad(sizes, dtype)}
                for N in batches:
                    rng = np.random.default_rng(0)
                    theta = (0.1 * rng.standard_normal(P)).astype(dtype)
                    X, Y = rng.random((N, sizes[0])).astype(dtype), rng.random((N, sizes[-1])).astype(dtype)
                    XT, YT = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)
                    hand = median_seconds(lambda: hand_numpy(theta, XT, YT, sizes))  # noqa: B023
                    times = {"hand numpy": hand}
                    for name, grad in baselines.items():
                        times[name] = median_seconds(lambda g=grad: g(theta, XT, YT))  # type: ignore[misc]  # noqa: B023
                    for backend, compiled in symnn_backends.items():
                        times[f"symnn {backend}"] = median_seconds(lambda c=compiled: c.gradient(theta, X, Y))  # type: ignore[misc]  # noqa: B023
                    row = ", ".join(f"{k} {v * 1e3:.3f} ms" for k, v in times.items())
                    ratios = (
                        f"symnn numpy/hand {times['symnn numpy'] / hand:.2f}, "
                        f"symnn jax/jax.grad {times['symnn jax'] / times['jax.grad']:.2f}, "
                        f"symnn torch/autograd {times['symnn torch'] / times['torch autograd']:.2f}"
                    )
                    print(f"{spec} N={N} {dtype}: {row}  |  {ratios}", flush=True)


if __name__ == "__main__":
    main()
