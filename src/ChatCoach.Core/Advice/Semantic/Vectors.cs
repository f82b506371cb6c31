using System.Numerics;
using System.Runtime.InteropServices;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>The little vector arithmetic the engine needs: dot products of unit vectors are cosines.</summary>
internal static class Vectors
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            for (var v = 0; v < va.Length; v++)
            {
                sum += va[v] * vb[v];
            }

            i = va.Length * Vector<float>.Count;
        }

        var result = Vector.Sum(sum);
        for (; i < length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }

    public static void Normalize(Span<float> vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (norm <= 0)
        {
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
    }

    /// <summary>The unit-length mean of several unit vectors, each weighted.</summary>
    public static float[] Mean(IReadOnlyList<float[]> vectors, IReadOnlyList<float> weights)
    {
        var result = new float[vectors[0].Length];
        for (var v = 0; v < vectors.Count; v++)
        {
            var weight = weights[v];
            var vector = vectors[v];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += weight * vector[i];
            }
        }

        Normalize(result);
        return result;
    }
}
