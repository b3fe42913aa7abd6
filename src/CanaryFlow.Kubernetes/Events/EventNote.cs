using System.Text;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>The note limit of events.k8s.io/v1.</summary>
internal static class EventNote
{
    /// <summary>The server measures the note in bytes (Go's len), so the limit is on the UTF-8 length.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The longest prefix of whole characters that fits in <see cref="MaxBytes"/>.</summary>
    public static string Truncate(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) <= MaxBytes)
        {
            return note;
        }

        var bytes = 0;
        var chars = 0;
        foreach (var rune in note.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            chars += rune.Utf16SequenceLength;
        }

        return note[..chars];
    }
}
