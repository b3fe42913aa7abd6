namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>Rejects options that would leak a secret into a URL or that the HTTP stack would refuse later. Messages never show header values.</summary>
internal static class PrometheusClientOptionsValidator
{
    private static readonly HashSet<string> _reservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Type", "Content-Length", "Transfer-Encoding", "Connection",
    };

    public static void Validate(PrometheusClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateAddress(options.Address);
        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"the request timeout must be positive (was {options.RequestTimeout})", nameof(options));
        }

        if (options.MaxGetParametersLength < 0)
        {
            throw new ArgumentException("MaxGetParametersLength must not be negative", nameof(options));
        }

        foreach (var (name, value) in options.Headers)
        {
            ValidateHeader(name, value, options.Authentication is not null);
        }

        if (options.Authentication is PrometheusBasicAuthentication basic && basic.Username.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("a basic-auth username must not contain ':'", nameof(options));
        }
    }

    private static void ValidateAddress(Uri? address)
    {
        if (address is null || !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("the Prometheus address must be an absolute http or https URL", nameof(address));
        }

        // Only the scheme, host and port go into messages: a rejected address must not echo the user info it carried
        // (GetLeftPart(Authority) would keep it).
        var safe = address.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        if (address.UserInfo.Length > 0)
        {
            throw new ArgumentException($"the Prometheus address {safe} carries credentials; use Authentication instead (credentials never go in a URL)", nameof(address));
        }

        if (address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            throw new ArgumentException($"the Prometheus address {safe} has a query or fragment; use Headers or Authentication for tokens", nameof(address));
        }
    }

    private static void ValidateHeader(string name, string value, bool hasAuthentication)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"\"{name}\" is not a valid HTTP header name", nameof(name));
        }

        if (_reservedHeaders.Contains(name))
        {
            throw new ArgumentException($"header {name} is set by the client itself", nameof(name));
        }

        if (hasAuthentication && string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("set either Authentication or an Authorization header, not both", nameof(name));
        }

        if (value is null || value.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new ArgumentException($"the value of header {name} is missing or contains a line break", nameof(value));
        }
    }
}
