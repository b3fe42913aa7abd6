using System.Net;
using System.Text;
using System.Text.Json;
using CanaryFlow.Controller.Analysis.Prometheus.Json;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// Reads one HTTP answer to /api/v1/query: the success envelope becomes a result, the error envelope a
/// <see cref="PrometheusQueryException"/>, and anything else (HTML, plain text, JSON without the envelope, a malformed
/// result) a <see cref="PrometheusResponseException"/> — never an empty result.
/// </summary>
internal static class PrometheusResponseReader
{
    private const int _snippetLength = 300;

    public static PrometheusQueryResult Read(Uri address, HttpStatusCode statusCode, string? contentType, byte[] body)
    {
        ApiResponse? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, PrometheusJsonContext.Default.ApiResponse);
        }
        catch (JsonException e)
        {
            throw NotAnApiResponse(address, statusCode, contentType, body, "a body that is not a Prometheus API response", e);
        }

        switch (envelope?.Status)
        {
            case "error":
                throw new PrometheusQueryException(address, statusCode, envelope.ErrorType ?? "", envelope.Error ?? "");
            case "success":
                try
                {
                    return PrometheusResultMapper.Map(envelope.Data, envelope.Warnings ?? [], envelope.Infos ?? []);
                }
                catch (JsonException e)
                {
                    throw NotAnApiResponse(address, statusCode, contentType, body, $"a malformed query result ({e.Message})", e);
                }

            default:
                throw NotAnApiResponse(address, statusCode, contentType, body, "a JSON body without the Prometheus envelope (no \"status\": \"success\" or \"error\")", null);
        }
    }

    private static PrometheusResponseException NotAnApiResponse(Uri address, HttpStatusCode statusCode, string? contentType, byte[] body, string problem, Exception? inner) =>
        new(address, statusCode, contentType, Snippet(body), problem, inner);

    /// <summary>The start of the body on one line, for a message a person can act on.</summary>
    internal static string Snippet(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, _snippetLength * 4)]);
        var builder = new StringBuilder(Math.Min(text.Length, _snippetLength + 1));
        foreach (var c in text)
        {
            if (builder.Length == _snippetLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
