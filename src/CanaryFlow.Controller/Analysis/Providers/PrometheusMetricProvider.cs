using System.Collections.Concurrent;
using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Durations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ClientAuthentication = CanaryFlow.Controller.Analysis.Prometheus.PrometheusAuthentication;

namespace CanaryFlow.Controller.Analysis.Providers;

/// <summary>
/// The <c>prometheus</c> provider: one instant query per measurement, with <c>{{args.name}}</c> substituted in the
/// address, query and header values, credentials read from Secrets of the run's namespace, and
/// <c>timeout</c> (default 30s) as Prometheus' evaluation timeout. A scalar, vector, matrix or string result becomes
/// <see cref="MetricData"/>; an empty vector or matrix is an error ("no data"), never a value a condition could pass.
/// Every failure is a <see cref="MetricProviderException"/> whose message names the address and has secret argument
/// values and credentials masked.
/// </summary>
public sealed class PrometheusMetricProvider : IMetricProvider
{
    /// <summary>Argo Rollouts' default when a template sets no timeout.</summary>
    public static readonly TimeSpan DefaultQueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What the client waits beyond the query timeout: Prometheus only bounds evaluation, so queueing, the network and
    /// writing the answer need room, and its own <c>timeout</c> error (which says more) should win over ours.
    /// </summary>
    public static readonly TimeSpan RequestTimeoutMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Clients are cheap, but one per measurement would re-validate options every time; rotated tokens and
    /// per-run header values make new keys, so the cache is bounded by starting over rather than growing forever.
    /// </summary>
    private const int _maxCachedClients = 128;

    private const string _credentialName = "\0credential";

    private readonly HttpClient _httpClient;
    private readonly ISecretReader _secrets;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<ClientKey, PrometheusClient> _clients = new();

    /// <param name="httpClient">Shared by every Prometheus this provider queries (from IHttpClientFactory, say); not disposed here.</param>
    /// <param name="secrets">Reads basic-auth passwords and bearer tokens from Secrets of the run's namespace.</param>
    /// <param name="logger">Gets the client's structured logs (addresses, result shapes, errors; never credentials).</param>
    /// <param name="timeProvider">The clock of the client's request deadline.</param>
    public PrometheusMetricProvider(HttpClient httpClient, ISecretReader secrets, ILogger<PrometheusMetricProvider>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(secrets);
        _httpClient = httpClient;
        _secrets = secrets;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many clients are cached now (one per address, credentials, headers and timeout in use).</summary>
    internal int CachedClients => _clients.Count;

    public bool Handles(MetricProvider provider) => provider?.Prometheus is not null;

    public async Task<ProviderResult> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var spec = query.Metric.Provider?.Prometheus ?? throw new ArgumentException("the metric has no prometheus provider", nameof(query));
        var arguments = query.Arguments;
        var expression = Substitute(spec.Query, "query", arguments, shownQuery: null);
        var shown = expression.Shown;
        var address = Substitute(spec.Address, "address", arguments, shown);
        if (!Uri.TryCreate(address.Text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new MetricProviderException($"the Prometheus address \"{address.Shown}\" is not an absolute http(s) URL", shown);
        }

        var shownAddress = Displayed(uri, address.Shown, arguments);
        if (string.IsNullOrWhiteSpace(expression.Text))
        {
            throw new MetricProviderException($"Prometheus at {shownAddress}: the query is empty", shown);
        }

        var timeout = QueryTimeout(spec.Timeout, shownAddress, shown);
        var headers = Headers(spec.Headers, arguments, shownAddress, shown);

        // Credentials join the values masked in messages: Prometheus never echoes them, but a proxy's error page might.
        var masked = new Dictionary<string, ArgumentValue>(arguments, StringComparer.Ordinal);
        var authentication = await AuthenticationAsync(spec.Authentication, query.Namespace, shownAddress, shown, masked, cancellationToken).ConfigureAwait(false);
        var client = Client(uri, authentication, headers, timeout, shownAddress, shown, masked);
        PrometheusQueryResult result;
        try
        {
            result = await client.QueryAsync(new PrometheusQuery(expression.Text) { Timeout = timeout, Shown = expression.Shown }, cancellationToken).ConfigureAwait(false);
        }
        catch (PrometheusException e)
        {
            throw Failure(e.Message, shown, masked, e);
        }
        catch (ArgumentException e)
        {
            // A header the HTTP stack refuses on a request (a content header such as Content-Encoding): named, never its value.
            throw Failure($"Prometheus at {shownAddress}: {WithoutParameterName(e)}", shown, masked, e);
        }

        return new ProviderResult(Data(result, shownAddress, shown), shown);
    }

    /// <summary>
    /// The address as messages show it: with secret arguments masked and, when it carries user info, a query or a
    /// fragment (which the client refuses), without them, so the refusal does not repeat a password.
    /// </summary>
    private static string Displayed(Uri uri, string shown, IReadOnlyDictionary<string, ArgumentValue> arguments) =>
        uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? shown
            : AnalysisArguments.MaskSecrets(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped), arguments);

    private static SubstitutedText Substitute(string? text, string field, IReadOnlyDictionary<string, ArgumentValue> arguments, string? shownQuery)
    {
        var substituted = AnalysisArguments.Substitute(text ?? "", arguments, out var problem);
        if (problem is not null)
        {
            throw new MetricProviderException($"{field}: {problem}", shownQuery ?? substituted.Shown);
        }

        return substituted;
    }

    private static TimeSpan QueryTimeout(string? text, string address, string shown)
    {
        if (text is null)
        {
            return DefaultQueryTimeout;
        }

        if (!KubernetesDuration.TryParse(text, out var timeout, out var error))
        {
            throw new MetricProviderException($"Prometheus at {address}: timeout \"{text}\" is not a duration: {error}", shown);
        }

        // Prometheus reads timeout=0 as "no timeout": a template must not be able to switch the bound off by accident.
        return timeout > TimeSpan.Zero
            ? timeout
            : throw new MetricProviderException($"Prometheus at {address}: timeout \"{text}\" must be longer than zero", shown);
    }

    private static List<KeyValuePair<string, string>> Headers(IReadOnlyList<WebHeader>? headers, IReadOnlyDictionary<string, ArgumentValue> arguments, string address, string shown)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var header in headers ?? [])
        {
            var name = header.Key ?? "";
            var value = AnalysisArguments.Substitute(header.Value ?? "", arguments, out var problem);
            if (problem is not null)
            {
                throw new MetricProviderException($"Prometheus at {address}: header {name}: {problem}", shown);
            }

            if (result.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new MetricProviderException($"Prometheus at {address}: header {name} is set twice", shown);
            }

            result.Add(new(name, value.Text));
        }

        return result;
    }

    private async Task<ClientAuthentication?> AuthenticationAsync(
        Core.Api.PrometheusAuthentication? spec,
        string ns,
        string address,
        string shown,
        Dictionary<string, ArgumentValue> masked,
        CancellationToken cancellationToken)
    {
        if (spec is null || (spec.Basic is null && spec.BearerTokenSecretRef is null))
        {
            return null;
        }

        if (spec.Basic is not null && spec.BearerTokenSecretRef is not null)
        {
            throw new MetricProviderException($"Prometheus at {address}: authentication sets both basic and bearerTokenSecretRef; set one", shown);
        }

        if (spec.Basic is { } basic)
        {
            var password = await SecretAsync(ns, basic.PasswordSecretRef, "basic.passwordSecretRef", address, shown, cancellationToken).ConfigureAwait(false);
            masked[_credentialName] = new ArgumentValue(password, Secret: true);
            return new PrometheusBasicAuthentication(basic.Username ?? "", password);
        }

        var token = await SecretAsync(ns, spec.BearerTokenSecretRef, "bearerTokenSecretRef", address, shown, cancellationToken).ConfigureAwait(false);
        masked[_credentialName] = new ArgumentValue(token, Secret: true);
        return new PrometheusBearerAuthentication(token);
    }

    private async Task<string> SecretAsync(string ns, SecretKeySelector? selector, string field, string address, string shown, CancellationToken cancellationToken)
    {
        if (selector is not { Name.Length: > 0, Key.Length: > 0 })
        {
            throw new MetricProviderException($"Prometheus at {address}: authentication.{field} needs a Secret name and key", shown);
        }

        try
        {
            // A Secret's value may end in a newline (written with echo, or from a file): never part of a credential.
            return (await _secrets.ReadAsync(ns, selector, cancellationToken).ConfigureAwait(false)).TrimEnd('\r', '\n');
        }
        catch (SecretUnavailableException e)
        {
            // The reader's messages name the Secret and key, never a value.
            throw new MetricProviderException($"Prometheus at {address}: the credentials of authentication.{field} cannot be read: {e.Message}", shown, e);
        }
    }

    private PrometheusClient Client(
        Uri address,
        ClientAuthentication? authentication,
        List<KeyValuePair<string, string>> headers,
        TimeSpan queryTimeout,
        string shownAddress,
        string shown,
        IReadOnlyDictionary<string, ArgumentValue> masked)
    {
        var requestTimeout = queryTimeout + RequestTimeoutMargin;
        // By the whole URL text: Uri equality ignores user info, which would let a rejected address reuse a valid client.
        var key = new ClientKey(address.AbsoluteUri, authentication, headers, requestTimeout);
        if (_clients.TryGetValue(key, out var cached))
        {
            return cached;
        }

        PrometheusClient client;
        try
        {
            client = new PrometheusClient(
                _httpClient,
                new PrometheusClientOptions
                {
                    Address = address,
                    Authentication = authentication,
                    Headers = headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
                    RequestTimeout = requestTimeout,
                },
                _logger,
                _timeProvider);
        }
        catch (ArgumentException e)
        {
            // The options validator names headers and the address' scheme and host, never a header value or user info.
            throw Failure($"Prometheus at {shownAddress}: {WithoutParameterName(e)}", shown, masked, e);
        }

        if (_clients.Count >= _maxCachedClients)
        {
            _clients.Clear();
        }

        return _clients.GetOrAdd(key, client);
    }

    private static MetricProviderException Failure(string message, string shown, IReadOnlyDictionary<string, ArgumentValue> masked, Exception inner)
    {
        // The inner exception goes along only when nothing in it needs masking: loggers print whole exception chains.
        var text = inner.ToString();
        var safe = AnalysisArguments.MaskSecrets(text, masked) == text;
        return new MetricProviderException(AnalysisArguments.MaskSecrets(message, masked), shown, safe ? inner : null);
    }

    private static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static MetricData Data(PrometheusQueryResult result, string address, string shown)
    {
        switch (result.ResultType)
        {
            case PrometheusResultType.Scalar:
                return new ScalarData(result.Scalar!.Value.Value);
            case PrometheusResultType.String:
                return new TextData(result.String!.Value);
            case PrometheusResultType.Vector when result.Samples.Count == 0:
            case PrometheusResultType.Matrix when result.Matrix.Count == 0:
                // Missing data is never success: a canary that serves no traffic must not pass its analysis.
                throw new MetricProviderException($"no data: the query returned no series from Prometheus at {address}", shown);
            case PrometheusResultType.Vector:
                return result.Samples.Any(s => s.Value is null)
                    ? throw NativeHistograms(address, shown)
                    : new VectorData(result.Samples.Select(s => s.Value!.Value).ToList());
            case PrometheusResultType.Matrix:
                return result.Matrix.Any(s => s.Histograms.Count > 0)
                    ? throw NativeHistograms(address, shown)
                    : new MatrixData(result.Matrix.Select(s => (IReadOnlyList<double>)s.Points.Select(p => p.Value).ToList()).ToList());
            default:
                throw new MetricProviderException($"Prometheus at {address} answered a {result.ResultType} result, which analysis cannot judge", shown);
        }
    }

    private static MetricProviderException NativeHistograms(string address, string shown) =>
        new($"Prometheus at {address} answered native histogram samples, which have no single value; "
            + "query a number from them, e.g. histogram_quantile(0.99, …) or histogram_count(…)", shown);

    /// <summary>What makes two measurements share a client: the options it is built from, headers compared by value.</summary>
    private sealed record ClientKey(string Address, ClientAuthentication? Authentication, IReadOnlyList<KeyValuePair<string, string>> Headers, TimeSpan RequestTimeout)
    {
        public bool Equals(ClientKey? other) =>
            other is not null
            && string.Equals(Address, other.Address, StringComparison.Ordinal)
            && Equals(Authentication, other.Authentication)
            && RequestTimeout == other.RequestTimeout
            && Headers.SequenceEqual(other.Headers);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Address, StringComparer.Ordinal);
            hash.Add(Authentication);
            hash.Add(RequestTimeout);
            foreach (var (name, value) in Headers)
            {
                hash.Add(name, StringComparer.OrdinalIgnoreCase);
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
