using System.Globalization;

namespace CanaryFlow.Controller.Metrics;

/// <summary>Writes the Prometheus text exposition format, version 0.0.4.</summary>
public static class ExpositionFormat
{
    /// <summary>The Content-Type of a /metrics response in this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A sample value as Prometheus (Go's ParseFloat) reads it: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    internal static void WriteHeader(TextWriter writer, string name, string help, string type)
    {
        writer.Write("# HELP ");
        writer.Write(name);
        writer.Write(' ');
        foreach (var c in help)
        {
            // HELP text escapes only backslash and newline; quotes are literal there.
            switch (c)
            {
                case '\\':
                    writer.Write(@"\\");
                    break;
                case '\n':
                    writer.Write(@"\n");
                    break;
                default:
                    writer.Write(c);
                    break;
            }
        }

        writer.Write('\n');
        writer.Write("# TYPE ");
        writer.Write(name);
        writer.Write(' ');
        writer.Write(type);
        writer.Write('\n');
    }

    /// <summary>One sample line; <paramref name="extraLabelName"/> (a histogram's <c>le</c>) goes after the series' labels.</summary>
    internal static void WriteSample(
        TextWriter writer,
        string name,
        IReadOnlyList<string> labelNames,
        IReadOnlyList<string> labelValues,
        double value,
        string? extraLabelName = null,
        string? extraLabelValue = null)
    {
        writer.Write(name);
        if (labelNames.Count > 0 || extraLabelName is not null)
        {
            writer.Write('{');
            for (var i = 0; i < labelNames.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                WriteLabel(writer, labelNames[i], labelValues[i]);
            }

            if (extraLabelName is not null)
            {
                if (labelNames.Count > 0)
                {
                    writer.Write(',');
                }

                WriteLabel(writer, extraLabelName, extraLabelValue ?? "");
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(FormatValue(value));
        writer.Write('\n');
    }

    private static void WriteLabel(TextWriter writer, string name, string value)
    {
        writer.Write(name);
        writer.Write("=\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    writer.Write(@"\\");
                    break;
                case '"':
                    writer.Write("\\\"");
                    break;
                case '\n':
                    writer.Write(@"\n");
                    break;
                default:
                    writer.Write(c);
                    break;
            }
        }

        writer.Write('"');
    }
}
