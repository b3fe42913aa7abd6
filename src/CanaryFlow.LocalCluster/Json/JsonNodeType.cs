namespace CanaryFlow.LocalCluster.Json;

/// <summary>
/// The type of a JSON value as Kubernetes' unstructured decoding sees it: a number written without fraction or
/// exponent that fits in an int64 is an <see cref="Integer"/>, every other number a <see cref="Number"/> (float64).
/// </summary>
public enum JsonNodeType
{
    Null,
    Object,
    Array,
    String,
    Integer,
    Number,
    Boolean,
}
