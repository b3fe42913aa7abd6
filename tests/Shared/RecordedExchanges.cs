namespace CanaryFlow.Tests.Shared;

/// <summary>
/// Request and response bodies recorded from a real kube-apiserver 1.24 (../shared/docs/k8s-transcripts-1.24.md),
/// shared by the client's model tests and LocalCluster's tests: one copy of the ground truth.
/// </summary>
public static class RecordedExchanges
{
    public const string NamespaceRequest = """
        {
          "apiVersion": "v1",
          "kind": "Namespace",
          "metadata": {
            "name": "tx"
          }
        }
        """;

    public const string NamespaceResponse = """
        {
          "kind": "Namespace",
          "apiVersion": "v1",
          "metadata": {
            "name": "tx",
            "uid": "ef00d72b-fbf8-4a4b-ac55-154122409dd6",
            "resourceVersion": "462",
            "creationTimestamp": "2026-11-22T08:20:49Z",
            "labels": {
              "kubernetes.io/metadata.name": "tx"
            },
            "managedFields": [
              {
                "manager": "curl",
                "operation": "Update",
                "apiVersion": "v1",
                "time": "2026-11-22T08:20:49Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:metadata": {
                    "f:labels": {
                      ".": {},
                      "f:kubernetes.io/metadata.name": {}
                    }
                  }
                }
              }
            ]
          },
          "spec": {
            "finalizers": [
              "kubernetes"
            ]
          },
          "status": {
            "phase": "Active"
          }
        }
        """;

    public const string ServiceRequest = """
        {
          "apiVersion": "v1",
          "kind": "Service",
          "metadata": {
            "name": "s1",
            "namespace": "tx"
          },
          "spec": {
            "selector": {
              "app": "s1"
            },
            "ports": [
              {
                "name": "http",
                "port": 80,
                "targetPort": 8080
              }
            ]
          }
        }
        """;

    public const string ServiceResponse = """
        {
          "kind": "Service",
          "apiVersion": "v1",
          "metadata": {
            "name": "s1",
            "namespace": "tx",
            "uid": "c59a168f-4fc5-46d9-bf0a-65b554675d57",
            "resourceVersion": "496",
            "creationTimestamp": "2026-11-22T08:22:03Z",
            "managedFields": [
              {
                "manager": "curl",
                "operation": "Update",
                "apiVersion": "v1",
                "time": "2026-11-22T08:22:03Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:spec": {
                    "f:internalTrafficPolicy": {},
                    "f:ports": {
                      ".": {},
                      "k:{\"port\":80,\"protocol\":\"TCP\"}": {
                        ".": {},
                        "f:name": {},
                        "f:port": {},
                        "f:protocol": {},
                        "f:targetPort": {}
                      }
                    },
                    "f:selector": {},
                    "f:sessionAffinity": {},
                    "f:type": {}
                  }
                }
              }
            ]
          },
          "spec": {
            "ports": [
              {
                "name": "http",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 8080
              }
            ],
            "selector": {
              "app": "s1"
            },
            "clusterIP": "10.0.116.71",
            "clusterIPs": [
              "10.0.116.71"
            ],
            "type": "ClusterIP",
            "sessionAffinity": "None",
            "ipFamilies": [
              "IPv4"
            ],
            "ipFamilyPolicy": "SingleStack",
            "internalTrafficPolicy": "Cluster"
          },
          "status": {
            "loadBalancer": {}
          }
        }
        """;

    public const string ReplicaSetRequest = """
        {
          "apiVersion": "apps/v1",
          "kind": "ReplicaSet",
          "metadata": {
            "name": "web-abc123",
            "namespace": "tx",
            "labels": {
              "app": "web",
              "rollouts-pod-template-hash": "abc123"
            }
          },
          "spec": {
            "replicas": 0,
            "selector": {
              "matchLabels": {
                "app": "web",
                "rollouts-pod-template-hash": "abc123"
              }
            },
            "template": {
              "metadata": {
                "labels": {
                  "app": "web",
                  "rollouts-pod-template-hash": "abc123"
                }
              },
              "spec": {
                "containers": [
                  {
                    "name": "web",
                    "image": "registry.example.com/web:1.0"
                  }
                ]
              }
            }
          }
        }
        """;

    public const string ReplicaSetResponse = """
        {
          "kind": "ReplicaSet",
          "apiVersion": "apps/v1",
          "metadata": {
            "name": "web-abc123",
            "namespace": "tx",
            "uid": "e2f3d34c-e235-4914-a64a-6f12825f9ac3",
            "resourceVersion": "501",
            "generation": 1,
            "creationTimestamp": "2026-11-22T08:22:03Z",
            "labels": {
              "app": "web",
              "rollouts-pod-template-hash": "abc123"
            },
            "managedFields": [
              {
                "manager": "curl",
                "operation": "Update",
                "apiVersion": "apps/v1",
                "time": "2026-11-22T08:22:03Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:metadata": {
                    "f:labels": {
                      ".": {},
                      "f:app": {},
                      "f:rollouts-pod-template-hash": {}
                    }
                  },
                  "f:spec": {
                    "f:replicas": {},
                    "f:selector": {},
                    "f:template": {
                      "f:metadata": {
                        "f:labels": {
                          ".": {},
                          "f:app": {},
                          "f:rollouts-pod-template-hash": {}
                        }
                      },
                      "f:spec": {
                        "f:containers": {
                          "k:{\"name\":\"web\"}": {
                            ".": {},
                            "f:image": {},
                            "f:imagePullPolicy": {},
                            "f:name": {},
                            "f:resources": {},
                            "f:terminationMessagePath": {},
                            "f:terminationMessagePolicy": {}
                          }
                        },
                        "f:dnsPolicy": {},
                        "f:restartPolicy": {},
                        "f:schedulerName": {},
                        "f:securityContext": {},
                        "f:terminationGracePeriodSeconds": {}
                      }
                    }
                  }
                }
              }
            ]
          },
          "spec": {
            "replicas": 0,
            "selector": {
              "matchLabels": {
                "app": "web",
                "rollouts-pod-template-hash": "abc123"
              }
            },
            "template": {
              "metadata": {
                "creationTimestamp": null,
                "labels": {
                  "app": "web",
                  "rollouts-pod-template-hash": "abc123"
                }
              },
              "spec": {
                "containers": [
                  {
                    "name": "web",
                    "image": "registry.example.com/web:1.0",
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent"
                  }
                ],
                "restartPolicy": "Always",
                "terminationGracePeriodSeconds": 30,
                "dnsPolicy": "ClusterFirst",
                "securityContext": {},
                "schedulerName": "default-scheduler"
              }
            }
          },
          "status": {
            "replicas": 0
          }
        }
        """;

    public const string LeaseRequest = """
        {
          "apiVersion": "coordination.k8s.io/v1",
          "kind": "Lease",
          "metadata": {
            "name": "canaryflow-controller"
          },
          "spec": {
            "holderIdentity": "pod-a_1",
            "leaseDurationSeconds": 15,
            "acquireTime": "2026-11-22T08:00:00.000000Z",
            "renewTime": "2026-11-22T08:00:00.000000Z",
            "leaseTransitions": 0
          }
        }
        """;

    public const string LeaseResponse = """
        {
          "kind": "Lease",
          "apiVersion": "coordination.k8s.io/v1",
          "metadata": {
            "name": "canaryflow-controller",
            "namespace": "tx",
            "uid": "35d38d63-5026-4a4b-9229-6652a08915e4",
            "resourceVersion": "478",
            "creationTimestamp": "2026-11-22T08:20:55Z",
            "managedFields": [
              {
                "manager": "curl",
                "operation": "Update",
                "apiVersion": "coordination.k8s.io/v1",
                "time": "2026-11-22T08:20:55Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:spec": {
                    "f:acquireTime": {},
                    "f:holderIdentity": {},
                    "f:leaseDurationSeconds": {},
                    "f:leaseTransitions": {},
                    "f:renewTime": {}
                  }
                }
              }
            ]
          },
          "spec": {
            "holderIdentity": "pod-a_1",
            "leaseDurationSeconds": 15,
            "acquireTime": "2026-11-22T08:00:00.000000Z",
            "renewTime": "2026-11-22T08:00:00.000000Z",
            "leaseTransitions": 0
          }
        }
        """;

    public const string EventsEventRequest = """
        {
          "apiVersion": "events.k8s.io/v1",
          "kind": "Event",
          "metadata": {
            "name": "w1.abc123"
          },
          "eventTime": "2026-11-22T08:00:00.000000Z",
          "reportingController": "canaryflow.io/controller",
          "reportingInstance": "pod-a",
          "action": "Abort",
          "reason": "RolloutAborted",
          "note": "analysis error-rate failed: 0.5 >= 0.05",
          "type": "Warning",
          "regarding": {
            "apiVersion": "bars.example.com/v1",
            "kind": "Widget",
            "name": "w1",
            "namespace": "tx"
          }
        }
        """;

    public const string EventsEventResponse = """
        {
          "kind": "Event",
          "apiVersion": "events.k8s.io/v1",
          "metadata": {
            "name": "w1.abc123",
            "namespace": "tx",
            "uid": "dc741e6f-b20d-48ef-bcb6-7e761539ba26",
            "resourceVersion": "479",
            "creationTimestamp": "2026-11-22T08:20:55Z",
            "managedFields": [
              {
                "manager": "curl",
                "operation": "Update",
                "apiVersion": "events.k8s.io/v1",
                "time": "2026-11-22T08:20:55Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:action": {},
                  "f:eventTime": {},
                  "f:note": {},
                  "f:reason": {},
                  "f:regarding": {},
                  "f:reportingController": {},
                  "f:reportingInstance": {},
                  "f:type": {}
                }
              }
            ]
          },
          "eventTime": "2026-11-22T08:00:00.000000Z",
          "reportingController": "canaryflow.io/controller",
          "reportingInstance": "pod-a",
          "action": "Abort",
          "reason": "RolloutAborted",
          "regarding": {
            "kind": "Widget",
            "namespace": "tx",
            "name": "w1",
            "apiVersion": "bars.example.com/v1"
          },
          "note": "analysis error-rate failed: 0.5 >= 0.05",
          "type": "Warning",
          "deprecatedSource": {},
          "deprecatedFirstTimestamp": null,
          "deprecatedLastTimestamp": null
        }
        """;

    public const string CoreEventResponse = """
        {
          "kind": "Event",
          "apiVersion": "v1",
          "metadata": {
            "name": "w1.abc123",
            "namespace": "tx",
            "uid": "dc741e6f-b20d-48ef-bcb6-7e761539ba26",
            "resourceVersion": "479",
            "creationTimestamp": "2026-11-22T08:20:55Z",
            "managedFields": [
              {
                "manager": "curl",
                "operation": "Update",
                "apiVersion": "events.k8s.io/v1",
                "time": "2026-11-22T08:20:55Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:action": {},
                  "f:eventTime": {},
                  "f:note": {},
                  "f:reason": {},
                  "f:regarding": {},
                  "f:reportingController": {},
                  "f:reportingInstance": {},
                  "f:type": {}
                }
              }
            ]
          },
          "involvedObject": {
            "kind": "Widget",
            "namespace": "tx",
            "name": "w1",
            "apiVersion": "bars.example.com/v1"
          },
          "reason": "RolloutAborted",
          "message": "analysis error-rate failed: 0.5 >= 0.05",
          "source": {},
          "firstTimestamp": null,
          "lastTimestamp": null,
          "type": "Warning",
          "eventTime": "2026-11-22T08:00:00.000000Z",
          "action": "Abort",
          "reportingComponent": "canaryflow.io/controller",
          "reportingInstance": "pod-a"
        }
        """;

    public const string ScaleResponse = """
        {
          "kind": "Scale",
          "apiVersion": "autoscaling/v1",
          "metadata": {
            "name": "s1",
            "namespace": "tx",
            "uid": "5ea12081-9a65-4716-81b0-307b9921d874",
            "resourceVersion": "493",
            "creationTimestamp": "2026-11-22T08:22:03Z"
          },
          "spec": {
            "replicas": 3
          },
          "status": {
            "replicas": 3,
            "selector": "app=s1"
          }
        }
        """;

    public const string CrdRequest = """
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": {
            "name": "widgets.bars.example.com"
          },
          "spec": {
            "group": "bars.example.com",
            "scope": "Namespaced",
            "names": {
              "plural": "widgets",
              "singular": "widget",
              "kind": "Widget",
              "listKind": "WidgetList",
              "shortNames": [
                "wg"
              ]
            },
            "versions": [
              {
                "name": "v1",
                "served": true,
                "storage": true,
                "subresources": {
                  "status": {}
                },
                "additionalPrinterColumns": [
                  {
                    "name": "Size",
                    "type": "integer",
                    "jsonPath": ".spec.size"
                  },
                  {
                    "name": "Color",
                    "type": "string",
                    "jsonPath": ".spec.color"
                  }
                ],
                "schema": {
                  "openAPIV3Schema": {
                    "type": "object",
                    "properties": {
                      "spec": {
                        "type": "object",
                        "required": [
                          "size"
                        ],
                        "properties": {
                          "size": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 10
                          },
                          "color": {
                            "type": "string",
                            "enum": [
                              "red",
                              "green",
                              "blue"
                            ],
                            "default": "green"
                          }
                        }
                      },
                      "status": {
                        "type": "object",
                        "properties": {
                          "conditions": {
                            "type": "array",
                            "items": {
                              "type": "object",
                              "properties": {
                                "type": {
                                  "type": "string"
                                },
                                "status": {
                                  "type": "string"
                                },
                                "reason": {
                                  "type": "string"
                                },
                                "message": {
                                  "type": "string"
                                },
                                "lastTransitionTime": {
                                  "type": "string"
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            ]
          }
        }
        """;

    public const string ReplicaSetInvalid = """
        {
          "kind": "Status",
          "apiVersion": "v1",
          "metadata": {},
          "status": "Failure",
          "message": "ReplicaSet.apps \"bad\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\", \"rollouts-pod-template-hash\":\"abc123\"}: `selector` does not match template `labels`",
          "reason": "Invalid",
          "details": {
            "name": "bad",
            "group": "apps",
            "kind": "ReplicaSet",
            "causes": [
              {
                "reason": "FieldValueInvalid",
                "message": "Invalid value: map[string]string{\"app\":\"web\", \"rollouts-pod-template-hash\":\"abc123\"}: `selector` does not match template `labels`",
                "field": "spec.template.metadata.labels"
              }
            ]
          },
          "code": 422
        }
        """;

    public const string AlreadyExists = """
        {
          "kind": "Status",
          "apiVersion": "v1",
          "metadata": {},
          "status": "Failure",
          "message": "widgets.bars.example.com \"w1\" already exists",
          "reason": "AlreadyExists",
          "details": {
            "name": "w1",
            "group": "bars.example.com",
            "kind": "widgets"
          },
          "code": 409
        }
        """;

    public const string WidgetInvalid = """
        {
          "kind": "Status",
          "apiVersion": "v1",
          "metadata": {},
          "status": "Failure",
          "message": "Widget.bars.example.com \"w-bad\" is invalid: [spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\", spec.size: Invalid value: 42: spec.size in body should be less than or equal to 10]",
          "reason": "Invalid",
          "details": {
            "name": "w-bad",
            "group": "bars.example.com",
            "kind": "Widget",
            "causes": [
              {
                "reason": "FieldValueNotSupported",
                "message": "Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"",
                "field": "spec.color"
              },
              {
                "reason": "FieldValueInvalid",
                "message": "Invalid value: 42: spec.size in body should be less than or equal to 10",
                "field": "spec.size"
              }
            ]
          },
          "code": 422
        }
        """;

    public const string WidgetList = """
        {
          "apiVersion": "bars.example.com/v1",
          "items": [
            {
              "apiVersion": "bars.example.com/v1",
              "kind": "Widget",
              "metadata": {
                "creationTimestamp": "2026-11-22T08:20:51Z",
                "generation": 1,
                "managedFields": [
                  {
                    "apiVersion": "bars.example.com/v1",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {
                      "f:spec": {
                        ".": {},
                        "f:color": {},
                        "f:size": {}
                      }
                    },
                    "manager": "curl",
                    "operation": "Update",
                    "time": "2026-11-22T08:20:51Z"
                  }
                ],
                "name": "w9",
                "namespace": "tx",
                "resourceVersion": "471",
                "uid": "24f61173-b59b-4239-89b0-042eb68ad477"
              },
              "spec": {
                "color": "green",
                "size": 3
              }
            }
          ],
          "kind": "WidgetList",
          "metadata": {
            "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDc1LCJzdGFydCI6Inc5XHUwMDAwIn0",
            "remainingItemCount": 1,
            "resourceVersion": "475"
          }
        }
        """;

    public const string WidgetDeleting = """
        {
          "apiVersion": "bars.example.com/v1",
          "kind": "Widget",
          "metadata": {
            "creationTimestamp": "2026-11-22T08:20:51Z",
            "deletionGracePeriodSeconds": 0,
            "deletionTimestamp": "2026-11-22T08:20:55Z",
            "finalizers": [
              "bars.example.com/hold"
            ],
            "generation": 4,
            "labels": {
              "tier": "gold"
            },
            "managedFields": [
              {
                "apiVersion": "bars.example.com/v1",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:status": {
                    ".": {},
                    "f:conditions": {}
                  }
                },
                "manager": "curl",
                "operation": "Update",
                "subresource": "status",
                "time": "2026-11-22T08:20:51Z"
              },
              {
                "apiVersion": "bars.example.com/v1",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:metadata": {
                    "f:finalizers": {
                      ".": {},
                      "v:\"bars.example.com/hold\"": {}
                    },
                    "f:labels": {
                      ".": {},
                      "f:tier": {}
                    }
                  },
                  "f:spec": {
                    ".": {},
                    "f:color": {},
                    "f:size": {}
                  }
                },
                "manager": "curl",
                "operation": "Update",
                "time": "2026-11-22T08:20:55Z"
              }
            ],
            "name": "w1",
            "namespace": "tx",
            "resourceVersion": "481",
            "uid": "bdb78df4-c3eb-49a8-8295-f1df9e1f1506"
          },
          "spec": {
            "color": "green",
            "size": 5
          },
          "status": {
            "conditions": [
              {
                "status": "True",
                "type": "Ready"
              }
            ]
          }
        }
        """;

    public const string WatchExpired = """
        {
          "type": "ERROR",
          "object": {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": "too old resource version: 1 (469)",
            "reason": "Expired",
            "code": 410
          }
        }
        """;
}
