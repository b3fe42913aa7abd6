using System.Text;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Rewrites a Go (RE2) regular expression, as kube-openapi compiles CRD <c>pattern</c>s, into .NET syntax with the
/// same meaning: Go's <c>\d</c>, <c>\w</c> and <c>\s</c> are ASCII-only, <c>$</c> without the m flag matches only at
/// the very end (never before a final newline), named groups are spelt <c>(?P&lt;name&gt;</c> and one-letter Unicode
/// classes <c>\pL</c>.
/// </summary>
internal static class GoRegexTranslator
{
    public static string Translate(string pattern)
    {
        var multiline = pattern.Contains("(?m", StringComparison.Ordinal) ||
            (pattern.Contains("(?", StringComparison.Ordinal) && HasMultilineFlag(pattern));
        var result = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i++;
                AppendEscape(result, pattern, ref i, inClass);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                result.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        result.Append('^');
                        i++;
                    }

                    // A ']' right after the opening bracket is a literal in Go.
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        result.Append("\\]");
                        i++;
                    }

                    break;
                case '$' when !multiline:
                    result.Append("\\z");
                    break;
                case '(' when string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0:
                    result.Append("(?<");
                    i += 3;
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    private static bool HasMultilineFlag(string pattern)
    {
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            for (var j = i + 2; j < pattern.Length && char.IsAsciiLetter(pattern[j]); j++)
            {
                if (pattern[j] == 'm')
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AppendEscape(StringBuilder result, string pattern, ref int i, bool inClass)
    {
        var c = pattern[i];
        switch (c)
        {
            case 'd':
                result.Append(inClass ? "0-9" : "[0-9]");
                return;
            case 'w':
                result.Append(inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]");
                return;
            case 's':
                result.Append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
                return;
            case 'D' when !inClass:
                result.Append("[^0-9]");
                return;
            case 'W' when !inClass:
                result.Append("[^0-9A-Za-z_]");
                return;
            case 'S' when !inClass:
                result.Append("[^\\t\\n\\f\\r ]");
                return;
            case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] != '{':
                result.Append('\\').Append(c).Append('{').Append(pattern[i + 1]).Append('}');
                i++;
                return;
            default:
                result.Append('\\').Append(c);
                return;
        }
    }
}
