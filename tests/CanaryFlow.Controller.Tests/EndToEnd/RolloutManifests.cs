namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>The YAML the end-to-end tests apply with kubectl.</summary>
internal static class RolloutManifests
{
    public static string Services(string ns) => $"""
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: api-stable, namespace: {ns}{"}"}
        spec: {"{"}selector: {"{"}app: api{"}"}, ports: [{"{"}port: 80{"}"}]{"}"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: api-canary, namespace: {ns}{"}"}
        spec: {"{"}selector: {"{"}app: api{"}"}, ports: [{"{"}port: 80{"}"}]{"}"}
        """;

    /// <summary>A Rollout of <paramref name="replicas"/> pods; <paramref name="steps"/> is the YAML list of steps, <paramref name="trafficRouting"/> the YAML of its router (flow style).</summary>
    public static string Rollout(string ns, string image, string steps, int replicas = 4, string extraSpec = "", bool neverReady = false, string trafficRouting = "") => $"""
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata:
          name: api
          namespace: {ns}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: api{"}"}
        {Indent(extraSpec, 2)}
          template:
            metadata:
              labels: {"{"}app: api{"}"}
              annotations: {(neverReady ? "{localcluster.canaryflow.io/never-ready: \"true\"}" : "{}")}
            spec:
              containers:
              - name: api
                image: {image}
          strategy:
            canary:
              stableService: api-stable
              canaryService: api-canary
              {(trafficRouting.Length == 0 ? "" : "trafficRouting: " + trafficRouting)}
              steps: {steps}
        """;

    public const string GatewayRouting = "{gatewayAPI: {httpRoute: api}}";

    public const string NginxRouting = "{nginx: {stableIngress: api}}";

    /// <summary>
    /// The HTTPRoute a team writes for the Rollout: stable and canary in the first rule with matches and filters, a
    /// mirror backend beside them, a second rule to another Service, and annotations; only the weights are CanaryFlow's.
    /// </summary>
    public static string HttpRoute(string ns) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: api
          namespace: {ns}
          labels: {"{"}team: payments{"}"}
          annotations: {"{"}example.com/owner: payments, example.com/ticket: "OPS-42"{"}"}
        spec:
          parentRefs:
          - {"{"}name: gw, sectionName: https{"}"}
          hostnames: [api.example.com]
          rules:
          - matches:
            - path: {"{"}type: PathPrefix, value: /v1{"}"}
              headers:
              - {"{"}name: x-tenant, value: gold{"}"}
            filters:
            - type: RequestHeaderModifier
              requestHeaderModifier:
                add:
                - {"{"}name: x-via, value: gateway{"}"}
            backendRefs:
            - {"{"}name: api-stable, port: 80, weight: 100{"}"}
            - {"{"}name: api-canary, port: 80, weight: 0{"}"}
            - name: api-mirror
              port: 8080
              weight: 3
              filters:
              - type: ResponseHeaderModifier
                responseHeaderModifier:
                  set:
                  - {"{"}name: x-mirror, value: "yes"{"}"}
          - matches:
            - path: {"{"}type: PathPrefix, value: /static{"}"}
            backendRefs:
            - {"{"}name: static, port: 80{"}"}
        """;

    /// <summary>The stable Ingress a team writes for NGINX: TLS, a class, a path to the stable Service and one to another Service.</summary>
    public static string StableIngress(string ns) => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          namespace: {ns}
          annotations: {"{"}nginx.ingress.kubernetes.io/rewrite-target: /, example.com/owner: payments{"}"}
        spec:
          ingressClassName: nginx
          tls:
          - {"{"}hosts: [api.example.com], secretName: api-tls{"}"}
          rules:
          - host: api.example.com
            http:
              paths:
              - path: /v1
                pathType: Prefix
                backend: {"{"}service: {"{"}name: api-stable, port: {"{"}number: 80{"}"}{"}"}{"}"}
              - path: /static
                pathType: Prefix
                backend: {"{"}service: {"{"}name: static, port: {"{"}name: http{"}"}{"}"}{"}"}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));
}
