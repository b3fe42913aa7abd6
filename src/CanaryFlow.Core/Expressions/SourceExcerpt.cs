using System.Text;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// The line of an expression that holds a position, and under it a caret at the position's column, e.g.
/// <code>
/// result[0] >= )
///              ^
/// </code>
/// For a terminal or the answer of a validating webhook, where a person fixes the text; the exception's message stays
/// one line for Events and measurement records.
/// </summary>
internal static class SourceExcerpt
{
    // Wide enough for any condition written on one line, narrow enough for a terminal when the line is 4 KiB long.
    private const int _maxWidth = 80;
    private const int _contextBefore = 40;
    private const string _ellipsis = "...";

    public static string Render(string text, SourcePosition position)
    {
        var lineStart = position.Index - (position.Column - 1);
        var lineEnd = text.IndexOf('\n', position.Index);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart).TrimEnd('\r');
        var caret = position.Column - 1;

        // A long line is shown as a window around the caret, so that the caret stays in view.
        var start = line.Length <= _maxWidth ? 0 : Math.Clamp(caret - _contextBefore, 0, line.Length - (_maxWidth - (2 * _ellipsis.Length)));
        var width = line.Length <= _maxWidth ? line.Length : _maxWidth - (2 * _ellipsis.Length);
        var window = line.Slice(start, Math.Min(width, line.Length - start));
        var prefix = start > 0 ? _ellipsis : "";
        var suffix = start + window.Length < line.Length ? _ellipsis : "";

        var builder = new StringBuilder(prefix);
        foreach (var c in window)
        {
            // Other control characters would move or hide the text in a terminal; one '?' keeps the caret aligned.
            builder.Append(char.IsControl(c) && c != '\t' ? '?' : c);
        }

        builder.Append(suffix).Append('\n').Append(' ', prefix.Length);
        // The caret line repeats the tabs before the column, so that it lines up however wide a tab is shown.
        foreach (var c in window[..Math.Clamp(caret - start, 0, window.Length)])
        {
            builder.Append(c == '\t' ? '\t' : ' ');
        }

        builder.Append(' ', Math.Max(0, caret - start - window.Length)).Append('^');
        return builder.ToString();
    }
}
