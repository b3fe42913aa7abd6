using System.Text;
using System.Text.RegularExpressions;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Analysis;

/// <summary>An argument's value as a measurement uses it: the real text, and whether it must be masked when shown.</summary>
public sealed record ArgumentValue(string Value, bool Secret);

/// <summary>Text with arguments substituted: <see cref="Text"/> to send, <see cref="Shown"/> for status, Events and logs.</summary>
public sealed record SubstitutedText(string Text, string Shown);

/// <summary>
/// The arguments of an analysis: template defaults overridden by the Rollout's values, pod-template hashes filled
/// in, and <c>{{args.name}}</c> substitution that keeps secret values out of everything a person or a log can see.
/// </summary>
public static partial class AnalysisArguments
{
    public const string Mask = "*****";

    /// <summary>
    /// Template arguments with the Rollout's values applied by name; <c>podTemplateHashValue</c> becomes the stable or
    /// canary hash. A secret stays a reference (read when measuring). An argument left without a value is a problem.
    /// </summary>
    public static IReadOnlyList<AnalysisArgument> Merge(IEnumerable<AnalysisArgument> templateArgs, IEnumerable<AnalysisArgument>? rolloutArgs, string? stableHash, string canaryHash, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(templateArgs);
        var merged = new List<AnalysisArgument>();
        foreach (var arg in templateArgs.Concat(rolloutArgs ?? []))
        {
            var index = merged.FindIndex(a => a.Name == arg.Name);
            if (index >= 0)
            {
                // A later definition overrides only what it sets: a template default stays unless the Rollout gives a value.
                merged[index] = arg.Value is null && arg.ValueFrom is null ? merged[index] : arg;
            }
            else
            {
                merged.Add(arg);
            }
        }

        problem = null;
        for (var i = 0; i < merged.Count; i++)
        {
            var arg = merged[i];
            if (arg.ValueFrom?.PodTemplateHashValue is { } which)
            {
                var hash = which == "Stable" ? stableHash : which == "Latest" ? canaryHash : null;
                if (hash is null)
                {
                    problem ??= $"argument {arg.Name}: podTemplateHashValue {which} has no ReplicaSet";
                    continue;
                }

                merged[i] = arg with { Value = hash, ValueFrom = null };
            }
            else if (arg.Value is null && arg.ValueFrom?.SecretKeyRef is null)
            {
                problem ??= $"argument {arg.Name} has no value";
            }
        }

        return merged;
    }

    /// <summary>Replaces every <c>{{args.name}}</c>; an unknown argument is a problem, never left in the query.</summary>
    public static SubstitutedText Substitute(string text, IReadOnlyDictionary<string, ArgumentValue> values, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        var actual = new StringBuilder();
        var shown = new StringBuilder();
        var last = 0;
        string? missing = null;
        foreach (Match match in Placeholder().Matches(text))
        {
            actual.Append(text, last, match.Index - last);
            shown.Append(text, last, match.Index - last);
            var name = match.Groups[1].Value;
            if (values.TryGetValue(name, out var value))
            {
                actual.Append(value.Value);
                shown.Append(value.Secret ? Mask : value.Value);
            }
            else
            {
                missing ??= name;
                actual.Append(match.Value);
                shown.Append(match.Value);
            }

            last = match.Index + match.Length;
        }

        actual.Append(text, last, text.Length - last);
        shown.Append(text, last, text.Length - last);
        problem = missing is null ? null : $"unknown argument {missing} in \"{shown}\"";
        return new SubstitutedText(actual.ToString(), shown.ToString());
    }

    /// <summary>Hides secret values anywhere in a text (an error message that echoes a query, say).</summary>
    public static string MaskSecrets(string text, IReadOnlyDictionary<string, ArgumentValue> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values.Values.Where(v => v.Secret && v.Value.Length > 0).OrderByDescending(v => v.Value.Length))
        {
            text = text.Replace(value.Value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex(@"\{\{\s*args\.([A-Za-z0-9_.-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
