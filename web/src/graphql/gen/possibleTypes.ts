
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "AddSceneResult": [
      "AddSceneSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "ApproveScriptResult": [
      "ApproveScriptSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CancelRenderResult": [
      "CancelRenderSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "ConnectYouTubeResult": [
      "ConnectYouTubeSuccess",
      "NotFoundError",
      "ProviderFailedError",
      "ValidationError"
    ],
    "CreateApiKeyResult": [
      "CreateApiKeySuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CreateProjectResult": [
      "CreateProjectSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CreateScriptResult": [
      "CreateScriptSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CreateWebhookEndpointResult": [
      "CreateWebhookEndpointSuccess",
      "NotFoundError",
      "QuotaExceededError",
      "ValidationError"
    ],
    "DeleteAccountResult": [
      "DeleteAccountSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DeleteProjectResult": [
      "DeleteProjectSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DeleteScriptResult": [
      "DeleteScriptSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DeleteWebhookEndpointResult": [
      "DeleteWebhookEndpointSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DisconnectYouTubeResult": [
      "DisconnectYouTubeSuccess",
      "NotFoundError",
      "ProviderFailedError",
      "ValidationError"
    ],
    "EnqueueRenderResult": [
      "EnqueueRenderSuccess",
      "NotFoundError",
      "QuotaExceededError",
      "ValidationError"
    ],
    "Error": [
      "NotFoundError",
      "ProviderFailedError",
      "QuotaExceededError",
      "SignInError",
      "ValidationError",
      "VersionConflictError"
    ],
    "GenerateSceneImageResult": [
      "GenerateSceneImageSuccess",
      "NotFoundError",
      "ProviderFailedError",
      "ValidationError"
    ],
    "GenerateScriptResult": [
      "GenerateScriptSuccess",
      "NotFoundError",
      "QuotaExceededError",
      "ValidationError"
    ],
    "MoveSceneResult": [
      "MoveSceneSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "Node": [
      "ApiKey",
      "Asset",
      "Project",
      "Publication",
      "Reel",
      "Render",
      "RenderStage",
      "RenderedScene",
      "Scene",
      "Script",
      "Session",
      "User",
      "WebhookDelivery",
      "WebhookEndpoint",
      "YouTubeChannel"
    ],
    "PublishRenderResult": [
      "NotFoundError",
      "PublishRenderSuccess",
      "ValidationError"
    ],
    "RedeliverWebhookResult": [
      "NotFoundError",
      "RedeliverWebhookSuccess",
      "ValidationError"
    ],
    "RemoveSceneResult": [
      "NotFoundError",
      "RemoveSceneSuccess",
      "ValidationError"
    ],
    "RenameScriptResult": [
      "NotFoundError",
      "RenameScriptSuccess",
      "ValidationError"
    ],
    "RetryPublicationResult": [
      "NotFoundError",
      "RetryPublicationSuccess",
      "ValidationError"
    ],
    "RetryRenderResult": [
      "NotFoundError",
      "QuotaExceededError",
      "RetryRenderSuccess",
      "ValidationError"
    ],
    "RetryScriptGenerationResult": [
      "NotFoundError",
      "QuotaExceededError",
      "RetryScriptGenerationSuccess",
      "ValidationError"
    ],
    "RevokeApiKeyResult": [
      "NotFoundError",
      "RevokeApiKeySuccess",
      "ValidationError"
    ],
    "RevokeSessionResult": [
      "NotFoundError",
      "RevokeSessionSuccess",
      "ValidationError"
    ],
    "RotateWebhookSecretResult": [
      "NotFoundError",
      "RotateWebhookSecretSuccess",
      "ValidationError"
    ],
    "SearchSceneImagesResult": [
      "NotFoundError",
      "ProviderFailedError",
      "SearchSceneImagesSuccess",
      "ValidationError"
    ],
    "SelectSceneAssetResult": [
      "NotFoundError",
      "SelectSceneAssetSuccess",
      "ValidationError"
    ],
    "SetRenderPublishedResult": [
      "NotFoundError",
      "SetRenderPublishedSuccess",
      "ValidationError"
    ],
    "SignInAsDemoResult": [
      "NotFoundError",
      "SignInAsDemoSuccess",
      "SignInError",
      "ValidationError"
    ],
    "SignInWithGoogleIdTokenResult": [
      "NotFoundError",
      "SignInError",
      "SignInWithGoogleIdTokenSuccess",
      "ValidationError"
    ],
    "SignOutResult": [
      "NotFoundError",
      "SignOutSuccess",
      "ValidationError"
    ],
    "TestWebhookEndpointResult": [
      "NotFoundError",
      "TestWebhookEndpointSuccess",
      "ValidationError"
    ],
    "UpdateProjectResult": [
      "NotFoundError",
      "UpdateProjectSuccess",
      "ValidationError"
    ],
    "UpdateSceneResult": [
      "NotFoundError",
      "UpdateSceneSuccess",
      "ValidationError",
      "VersionConflictError"
    ],
    "UpdateWebhookEndpointResult": [
      "NotFoundError",
      "UpdateWebhookEndpointSuccess",
      "ValidationError"
    ],
    "UploadSceneAssetResult": [
      "NotFoundError",
      "QuotaExceededError",
      "UploadSceneAssetSuccess",
      "ValidationError"
    ],
    "ViewerEvent": [
      "PublicationProgressEvent",
      "RenderProgressEvent",
      "ScriptProgressEvent",
      "ViewerSnapshot",
      "WebhookEndpointEvent"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "AddSceneResult": [
      "AddSceneSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "ApproveScriptResult": [
      "ApproveScriptSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CancelRenderResult": [
      "CancelRenderSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "ConnectYouTubeResult": [
      "ConnectYouTubeSuccess",
      "NotFoundError",
      "ProviderFailedError",
      "ValidationError"
    ],
    "CreateApiKeyResult": [
      "CreateApiKeySuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CreateProjectResult": [
      "CreateProjectSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CreateScriptResult": [
      "CreateScriptSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "CreateWebhookEndpointResult": [
      "CreateWebhookEndpointSuccess",
      "NotFoundError",
      "QuotaExceededError",
      "ValidationError"
    ],
    "DeleteAccountResult": [
      "DeleteAccountSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DeleteProjectResult": [
      "DeleteProjectSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DeleteScriptResult": [
      "DeleteScriptSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DeleteWebhookEndpointResult": [
      "DeleteWebhookEndpointSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "DisconnectYouTubeResult": [
      "DisconnectYouTubeSuccess",
      "NotFoundError",
      "ProviderFailedError",
      "ValidationError"
    ],
    "EnqueueRenderResult": [
      "EnqueueRenderSuccess",
      "NotFoundError",
      "QuotaExceededError",
      "ValidationError"
    ],
    "Error": [
      "NotFoundError",
      "ProviderFailedError",
      "QuotaExceededError",
      "SignInError",
      "ValidationError",
      "VersionConflictError"
    ],
    "GenerateSceneImageResult": [
      "GenerateSceneImageSuccess",
      "NotFoundError",
      "ProviderFailedError",
      "ValidationError"
    ],
    "GenerateScriptResult": [
      "GenerateScriptSuccess",
      "NotFoundError",
      "QuotaExceededError",
      "ValidationError"
    ],
    "MoveSceneResult": [
      "MoveSceneSuccess",
      "NotFoundError",
      "ValidationError"
    ],
    "Node": [
      "ApiKey",
      "Asset",
      "Project",
      "Publication",
      "Reel",
      "Render",
      "RenderStage",
      "RenderedScene",
      "Scene",
      "Script",
      "Session",
      "User",
      "WebhookDelivery",
      "WebhookEndpoint",
      "YouTubeChannel"
    ],
    "PublishRenderResult": [
      "NotFoundError",
      "PublishRenderSuccess",
      "ValidationError"
    ],
    "RedeliverWebhookResult": [
      "NotFoundError",
      "RedeliverWebhookSuccess",
      "ValidationError"
    ],
    "RemoveSceneResult": [
      "NotFoundError",
      "RemoveSceneSuccess",
      "ValidationError"
    ],
    "RenameScriptResult": [
      "NotFoundError",
      "RenameScriptSuccess",
      "ValidationError"
    ],
    "RetryPublicationResult": [
      "NotFoundError",
      "RetryPublicationSuccess",
      "ValidationError"
    ],
    "RetryRenderResult": [
      "NotFoundError",
      "QuotaExceededError",
      "RetryRenderSuccess",
      "ValidationError"
    ],
    "RetryScriptGenerationResult": [
      "NotFoundError",
      "QuotaExceededError",
      "RetryScriptGenerationSuccess",
      "ValidationError"
    ],
    "RevokeApiKeyResult": [
      "NotFoundError",
      "RevokeApiKeySuccess",
      "ValidationError"
    ],
    "RevokeSessionResult": [
      "NotFoundError",
      "RevokeSessionSuccess",
      "ValidationError"
    ],
    "RotateWebhookSecretResult": [
      "NotFoundError",
      "RotateWebhookSecretSuccess",
      "ValidationError"
    ],
    "SearchSceneImagesResult": [
      "NotFoundError",
      "ProviderFailedError",
      "SearchSceneImagesSuccess",
      "ValidationError"
    ],
    "SelectSceneAssetResult": [
      "NotFoundError",
      "SelectSceneAssetSuccess",
      "ValidationError"
    ],
    "SetRenderPublishedResult": [
      "NotFoundError",
      "SetRenderPublishedSuccess",
      "ValidationError"
    ],
    "SignInAsDemoResult": [
      "NotFoundError",
      "SignInAsDemoSuccess",
      "SignInError",
      "ValidationError"
    ],
    "SignInWithGoogleIdTokenResult": [
      "NotFoundError",
      "SignInError",
      "SignInWithGoogleIdTokenSuccess",
      "ValidationError"
    ],
    "SignOutResult": [
      "NotFoundError",
      "SignOutSuccess",
      "ValidationError"
    ],
    "TestWebhookEndpointResult": [
      "NotFoundError",
      "TestWebhookEndpointSuccess",
      "ValidationError"
    ],
    "UpdateProjectResult": [
      "NotFoundError",
      "UpdateProjectSuccess",
      "ValidationError"
    ],
    "UpdateSceneResult": [
      "NotFoundError",
      "UpdateSceneSuccess",
      "ValidationError",
      "VersionConflictError"
    ],
    "UpdateWebhookEndpointResult": [
      "NotFoundError",
      "UpdateWebhookEndpointSuccess",
      "ValidationError"
    ],
    "UploadSceneAssetResult": [
      "NotFoundError",
      "QuotaExceededError",
      "UploadSceneAssetSuccess",
      "ValidationError"
    ],
    "ViewerEvent": [
      "PublicationProgressEvent",
      "RenderProgressEvent",
      "ScriptProgressEvent",
      "ViewerSnapshot",
      "WebhookEndpointEvent"
    ]
  }
};
      export default result;
    