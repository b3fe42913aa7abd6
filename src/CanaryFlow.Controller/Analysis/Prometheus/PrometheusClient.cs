using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// Our client of the Prometheus HTTP API's instant query (<c>/api/v1/query</c>). It takes its HttpClient from the
/// caller (so IHttpClientFactory can pool and rotate handlers) and one <see cref="PrometheusClientOptions"/>.
/// Outcomes: a <see cref="PrometheusQueryResult"/>; a <see cref="PrometheusQueryException"/> when Prometheus answered
/// with its error envelope; a <see cref="PrometheusResponseException"/> for an answer that is not the API's;
/// a <see cref="PrometheusConnectionException"/> when no answer came; a <see cref="PrometheusRequestTimeoutException"/>
/// when the client's deadline passed; and <see cref="OperationCanceledException"/> only for the caller's own token.
/// </summary>
public sealed class PrometheusClient
{
    private readonly HttpClient _httpClient;
    private readonly PrometheusClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public PrometheusClient(HttpClient httpClient, PrometheusClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        PrometheusClientOptionsValidator.Validate(options);
        _httpClient = httpClient;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public PrometheusClientOptions Options => _options;

    /// <summary>Evaluates <paramref name="expression"/> at the server's "now".</summary>
    public Task<PrometheusQueryResult> QueryAsync(string expression, CancellationToken cancellationToken) =>
        QueryAsync(new PrometheusQuery(expression), cancellationToken);

    public async Task<PrometheusQueryResult> QueryAsync(PrometheusQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Expression);
        if (query.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the query timeout must be positive (was {timeout})", nameof(query));
        }

        var address = _options.Address;
        using var request = PrometheusRequestFactory.Create(_options, query);
        PrometheusClientLog.Sending(_logger, address, request.Method.Method, query.Shown ?? query.Expression);
        var started = _timeProvider.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString();
            var body = await ReadBodyAsync(response, contentType, linked.Token).ConfigureAwait(false);
            var result = PrometheusResponseReader.Read(address, response.StatusCode, contentType, body);
            Report(query, result, started);
            return result;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's own cancellation: not a Prometheus failure, and it carries the caller's token.
            throw new OperationCanceledException($"the query to Prometheus at {address} was cancelled by the caller", e, cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            // Not the caller's token: our deadline, or HttpClient.Timeout if that is the shorter one.
            var limit = deadline.IsCancellationRequested ? _options.RequestTimeout : _httpClient.Timeout;
            throw Logged(new PrometheusRequestTimeoutException(address, limit, e));
        }
        catch (HttpRequestException e)
        {
            throw Logged(new PrometheusConnectionException(address, e.HttpRequestError, e));
        }
        catch (IOException e)
        {
            throw Logged(new PrometheusConnectionException(address, HttpRequestError.ResponseEnded, e));
        }
        catch (PrometheusException e)
        {
            Logged(e);
            throw;
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string? contentType, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw new PrometheusResponseException(_options.Address, response.StatusCode, contentType, "<not read>", $"a body of {length} bytes, more than the {limit} this client reads");
        }

        // Content-Length may be absent (chunked): count while reading, and stop one byte past the limit.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new PrometheusResponseException(_options.Address, response.StatusCode, contentType, PrometheusResponseReader.Snippet(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), $"a body of more than the {limit} bytes this client reads");
            }
        }

        return buffer.ToArray();
    }

    private void Report(PrometheusQuery query, PrometheusQueryResult result, long started)
    {
        var series = result.ResultType switch
        {
            PrometheusResultType.Vector => result.Samples.Count,
            PrometheusResultType.Matrix => result.Matrix.Count,
            _ => 1,
        };
        PrometheusClientLog.Answered(_logger, _options.Address, result.ResultType, series, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        if (result.Warnings.Count > 0 || result.Infos.Count > 0)
        {
            PrometheusClientLog.Annotated(_logger, _options.Address, query.Shown ?? query.Expression, string.Join("; ", result.Warnings.Concat(result.Infos)));
        }
    }

    private PrometheusException Logged(PrometheusException exception)
    {
        PrometheusClientLog.Failed(_logger, exception.Address, exception.Message);
        return exception;
    }
}
