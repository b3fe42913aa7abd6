using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CanaryFlow.Core.Expressions;

/// <param name="Usage">How the function is called, for messages and docs.</param>
/// <param name="TakesPredicate">The second argument is a <c>{...}</c> predicate applied to each element of the first.</param>
internal sealed record FunctionSignature(string Name, int MinArguments, int MaxArguments, bool TakesPredicate, string Usage);

/// <summary>
/// The functions an expression may call. The set is fixed, so the parser rejects an unknown name or a wrong number
/// of arguments with the position of the call: an AnalysisTemplate with a typo fails when it is applied, not at
/// the first measurement of a rollout.
/// </summary>
internal static class FunctionCatalog
{
    private static readonly FrozenDictionary<string, FunctionSignature> _signatures = new FunctionSignature[]
    {
        new("len", 1, 1, false, "len(list or string or map)"),
        new("isNaN", 1, 1, false, "isNaN(number)"),
        new("isInf", 1, 1, false, "isInf(number)"),
        new("isNil", 1, 1, false, "isNil(value)"),
        new("default", 2, 2, false, "default(value, fallback)"),
        new("asFloat", 1, 1, false, "asFloat(number or string)"),
        new("asInt", 1, 1, false, "asInt(number or string)"),
        new("abs", 1, 1, false, "abs(number)"),
        new("min", 1, int.MaxValue, false, "min(list) or min(a, b, ...)"),
        new("max", 1, int.MaxValue, false, "max(list) or max(a, b, ...)"),
        new("sum", 1, 1, false, "sum(list)"),
        new("mean", 1, 1, false, "mean(list)"),
        new("all", 2, 2, true, "all(list, {predicate})"),
        new("any", 2, 2, true, "any(list, {predicate})"),
        new("none", 2, 2, true, "none(list, {predicate})"),
        new("filter", 2, 2, true, "filter(list, {predicate})"),
        new("map", 2, 2, true, "map(list, {expression})"),
    }.ToFrozenDictionary(signature => signature.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => _signatures.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string name, [NotNullWhen(true)] out FunctionSignature? signature) =>
        _signatures.TryGetValue(name, out signature);
}
