# What a child PowerShell of either edition runs first (TestHelpers.psm1's Invoke-HyprFlowChild): strict mode, and
# Invoke-HyprFlow, the whole flow against the tenant with the credentials in the child's environment. Windows
# PowerShell 5.1 code only: tests/ChildScripts.Tests.ps1 parses it for PowerShell 7-only syntax.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Invoke-HyprFlow {
    $key = ConvertTo-SecureString -String $env:HYPRAUTH_TEST_CLIENT_KEY -AsPlainText -Force
    $assertion = New-HyprClientAssertion -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $key
    $token = Get-HyprAccessToken -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $key
    Connect-Hypr -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $key
    $introspection = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
    [ordered]@{
        Edition           = $PSVersionTable.PSEdition
        ModuleBase        = (Get-Module HyprAuth).ModuleBase
        AssertionClientId = $assertion.ClientId
        TokenClientId     = $token.ClientId
        FromCache         = $token.FromCache
        RpAppId           = $introspection.rpAppId
        Entities          = @($introspection.entities | ForEach-Object { $_.name })
        # The module's format file loaded: the token's default view is its own.
        TokenView         = ($token | Out-String)
    }
}
