using System.Text.Json;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>A Lease's spec as the server sent it, so the tests see times as text rather than parsed values.</summary>
internal static class RawLease
{
    public static async Task<JsonElement> SpecAsync(KubernetesClient client, string ns, string name)
    {
        var lease = await client.Resource<UnstructuredObject>(ResourceTypes.Leases).GetAsync(ns, name);
        return lease.ExtensionData!["spec"];
    }
}
