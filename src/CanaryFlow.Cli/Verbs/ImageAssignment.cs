using CanaryFlow.Cli.Errors;

namespace CanaryFlow.Cli.Verbs;

/// <summary>One <c>CONTAINER=IMAGE</c> of <c>set image</c>; <c>*</c> names every container, as in kubectl.</summary>
internal sealed record ImageAssignment(string Container, string Image)
{
    public static ImageAssignment Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new UsageException($"expected CONTAINER=IMAGE, got \"{text}\"");
        }

        return new ImageAssignment(text[..equals], text[(equals + 1)..]);
    }
}
