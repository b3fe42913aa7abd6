using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Compiled <c>pattern</c> regexes, one per distinct pattern for the life of the process: every write of a custom
/// resource checks its patterns, and compiling them each time would dominate validation.
/// </summary>
internal static class SchemaPatternCache
{
    private static readonly TimeSpan _matchTimeout = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<string, CompiledPattern> _patterns = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="value"/> matches; false with <paramref name="compileError"/> set when the pattern is invalid.</summary>
    public static bool IsMatch(string pattern, string value, out string? compileError)
    {
        var compiled = _patterns.GetOrAdd(pattern, Compile);
        compileError = compiled.Error;
        if (compiled.Regex is null)
        {
            return false;
        }

        try
        {
            return compiled.Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // Go's RE2 never gives up; a timeout here can only come from the backtracking fallback.
            return false;
        }
    }

    /// <summary>The compile error of a pattern, or null when it is a valid regular expression.</summary>
    public static string? CompileError(string pattern) => _patterns.GetOrAdd(pattern, Compile).Error;

    private static CompiledPattern Compile(string pattern)
    {
        var translated = GoRegexTranslator.Translate(pattern);
        try
        {
            // The non-backtracking engine matches in linear time like Go's RE2, which is what the real server runs.
            return new CompiledPattern(
                new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, _matchTimeout), null);
        }
        catch (NotSupportedException)
        {
        }
        catch (ArgumentException e)
        {
            return new CompiledPattern(null, e.Message);
        }

        try
        {
            return new CompiledPattern(new Regex(translated, RegexOptions.CultureInvariant, _matchTimeout), null);
        }
        catch (ArgumentException e)
        {
            return new CompiledPattern(null, e.Message);
        }
    }

    private sealed record CompiledPattern(Regex? Regex, string? Error);
}
