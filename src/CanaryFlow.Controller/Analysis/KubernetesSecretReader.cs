using System.Text;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Analysis;

/// <summary>
/// Reads Secret keys from the API server when a measurement needs them. Not cached in an informer: a controller
/// that watched every Secret of the cluster would hold all of its credentials in memory for a handful of keys.
/// </summary>
public sealed class KubernetesSecretReader : ISecretReader
{
    private readonly ResourceClient<Secret> _secrets;

    public KubernetesSecretReader(ResourceClient<Secret> secrets)
    {
        _secrets = secrets;
    }

    public async Task<string> ReadAsync(string ns, SecretKeySelector selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (string.IsNullOrEmpty(selector.Name) || string.IsNullOrEmpty(selector.Key))
        {
            throw new SecretUnavailableException("a secretKeyRef needs both name and key");
        }

        Secret? secret;
        try
        {
            secret = await _secrets.TryGetAsync(ns, selector.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (!e.IsTransient)
        {
            // Forbidden and the like are the user's to fix and become an Error measurement; a transient API failure
            // propagates so the reconcile is retried instead of counting against the canary.
            throw new SecretUnavailableException($"Secret {ns}/{selector.Name} could not be read: {e.Message}", e);
        }

        if (secret is null)
        {
            throw new SecretUnavailableException($"Secret {ns}/{selector.Name} not found");
        }

        return secret.Data?.TryGetValue(selector.Key, out var value) == true
            ? Encoding.UTF8.GetString(value)
            : throw new SecretUnavailableException($"Secret {ns}/{selector.Name} has no key {selector.Key}");
    }
}
