# HyprAuth module manifest: a template. build.ps1 fills in ModuleVersion (from Directory.Build.props)
# and ReleaseNotes (from CHANGELOG.md) when it lays out out/HyprAuth/<version>/.
@{
    RootModule           = 'HyprAuth.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '6f0f9f43-3b7e-4f0e-9a4f-3c1b2d7e8a51'
    Author               = 'HyprAuth contributors'
    CompanyName          = 'HyprAuth contributors'
    Copyright            = '(c) 2026 HyprAuth contributors. MIT License.'
    Description          = 'Authenticate to a HYPR tenant''s REST API with HYPR''s OAuth 2.0 client-credentials flow (ES256 client assertions, token exchange, a shared token cache) and call that API from scripts and scheduled tasks.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('HyprAuth.format.ps1xml')
    CmdletsToExport      = @(
        'New-HyprClientAssertion'
        'Test-HyprClientAssertion'
        'Get-HyprAccessToken'
        'Invoke-HyprApi'
        'Get-HyprTokenCache'
        'Clear-HyprTokenCache'
        'Connect-Hypr'
        'Get-HyprContext'
        'Disconnect-Hypr'
        'Import-HyprClientKey'
        'Remove-HyprClientKey'
        'Get-HyprApplication'
        'Get-HyprAuditEvent'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('HYPR', 'OAuth', 'OAuth2', 'ClientCredentials', 'JWT', 'ES256', 'private_key_jwt', 'RFC7523', 'Authentication', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/hyprauth/HyprAuth/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/hyprauth/HyprAuth'
            ReleaseNotes = ''
        }
    }
}
