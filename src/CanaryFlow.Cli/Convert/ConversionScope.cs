using System.Text.Json.Nodes;

namespace CanaryFlow.Cli.Convert;

/// <summary>
/// Walks one Argo object: copies the fields that mean the same in CanaryFlow and records a note for every field it
/// does not carry over, so nothing is dropped without the person being told.
/// </summary>
internal sealed class ConversionScope
{
    private readonly List<ConversionNote> _notes = [];

    public IReadOnlyList<ConversionNote> Notes => _notes;

    public void Note(string field, string message) => _notes.Add(new ConversionNote(field, message));

    /// <summary>Copies <paramref name="keys"/> present in <paramref name="from"/> (deep copies) into <paramref name="to"/>.</summary>
    public static void Copy(JsonObject from, JsonObject to, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        foreach (var key in keys)
        {
            if (from.TryGetPropertyValue(key, out var value))
            {
                to[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Notes every member of <paramref name="from"/> not in <paramref name="handled"/> as dropped.</summary>
    public void DropOthers(JsonObject from, string path, params string[] handled)
    {
        ArgumentNullException.ThrowIfNull(from);
        foreach (var (key, _) in from)
        {
            if (!handled.Contains(key, StringComparer.Ordinal))
            {
                Note(Join(path, key), "no equivalent in CanaryFlow; dropped");
            }
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
