using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Demo;

/// <summary>The JSON the demo app answers with, source-generated like the rest of the controller's JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RequestStats))]
[JsonSerializable(typeof(StorefrontPage))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;

/// <summary>What the storefront answers on /.</summary>
public sealed record StorefrontPage(string Version, string Pod, string Message);
