# HTTPS end to end: the emulator serves TLS with a throwaway CA it makes for this run (its certificate, never a key, is
# written to a temporary file), and a child PowerShell trusts that CA through SSL_CERT_FILE (OpenSSL's variable, honoured
# by .NET on Linux and macOS). On Windows a job would add the CA to the current user's root store instead; this file runs
# the Unix way only, so it is skipped there.
BeforeDiscovery {
    $script:unixOnly = $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:folder = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-tls-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder
    $trustedCa = Join-Path $folder 'trusted-ca.pem'
    $otherNameCa = Join-Path $folder 'other-name-ca.pem'
    $script:trusted = Start-TestEmulator -TlsAuthorityPath $trustedCa
    $script:untrusted = Start-TestEmulator -TlsAuthorityPath (Join-Path $folder 'untrusted-ca.pem')
    $script:otherName = Start-TestEmulator -TlsAuthorityPath $otherNameCa -TlsHostName 'tenant.other.example'
    $script:bundle = Join-Path $folder 'bundle.pem'
    Set-Content -LiteralPath $bundle -Value ((Get-Content -Raw $trustedCa) + (Get-Content -Raw $otherNameCa)) -NoNewline

    # One child does it all: the flow against the trusted emulator (its controls too, over HTTPS), then the two
    # refusals, with verbose output kept to show that nothing was retried.
    $script:result = Invoke-ChildPowerShell -Environment @{
        SSL_CERT_FILE = $bundle
        TLS_TRUSTED = $trusted.BaseUri
        TLS_UNTRUSTED = $untrusted.BaseUri
        TLS_OTHER_NAME = $otherName.BaseUri
    } -Script @'
$ErrorActionPreference = 'Stop'
Import-Module $env:HYPRAUTH_MODULE_MANIFEST
$tenant = $env:TLS_TRUSTED
function Control([string] $Route, $Body) {
    $call = @{ Uri = "$tenant/_emulator/$Route"; ContentType = 'application/json' }
    if ($null -ne $Body) { $call.Method = 'POST'; $call.Body = ConvertTo-Json $Body -Compress }
    Invoke-RestMethod @call
}
$client = Control 'clients' @{}
$token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
$introspect = Invoke-HyprApi -AccessToken $token -Path /rp/api/bulk/HYPRDefaultApplication/introspect
$null = Control 'tokens/revoke' @{ clientId = $client.clientId }
$echo = Invoke-HyprApi -AccessToken $token -Path /rp/api/echo
$exchanges = (Control 'counters').exchanges.($client.clientId)
# The everyday way: a connection (another client, so its token is its own), then calls without a token in hand.
$connectedClient = Control 'clients' @{}
Connect-Hypr -TenantUri $tenant -ClientId $connectedClient.clientId -ClientKey $connectedClient.clientKey
$connected = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
$connectedTenant = "$((Get-HyprContext).TenantUri)"
Disconnect-Hypr

function Refusal([string] $Target) {
    $verbose = @()
    try {
        $null = Get-HyprAccessToken -TenantUri $Target -ClientId $client.clientId -ClientKey $client.clientKey -Verbose 4>&1 |
            ForEach-Object { $verbose += $_.Message }
        return @{ id = 'no error' }
    }
    catch {
        return @{
            id = $_.FullyQualifiedErrorId
            message = $_.Exception.Message
            category = "$($_.CategoryInfo.Category)"
            verbose = $verbose -join "`n"
        }
    }
}
[pscustomobject]@{
    scheme = ([uri]$tenant).Scheme
    rpAppId = $introspect.rpAppId
    renewedCall = $echo.method
    exchanges = $exchanges
    connectedRpAppId = $connected.rpAppId
    connectedTenant = $connectedTenant
    untrusted = Refusal $env:TLS_UNTRUSTED
    otherName = Refusal $env:TLS_OTHER_NAME
} | ConvertTo-Json -Compress -Depth 4
'@
}

AfterAll {
    Stop-HyprEmulator $trusted
    Stop-HyprEmulator $untrusted
    Stop-HyprEmulator $otherName
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'HyprAuth over HTTPS' -Skip:$unixOnly {
    It 'gets a token, calls the API, and renews a rejected token over HTTPS' {
        $result.scheme | Should -Be 'https'
        $result.rpAppId | Should -Be 'HYPRDefaultApplication'
        $result.renewedCall | Should -Be 'GET'
        $result.exchanges | Should -Be 2 -Because 'the revoked token was renewed once'
    }

    It 'connects with Connect-Hypr and calls the API with the connection over HTTPS' {
        $result.connectedTenant | Should -BeLike 'https://127.0.0.1:*'
        $result.connectedRpAppId | Should -Be 'HYPRDefaultApplication'
    }

    It 'refuses <Case> as HyprTlsFailed naming the host, without retries' -ForEach @(
        @{ Case = 'a certificate from an authority it does not trust'; Name = 'untrusted' }
        @{ Case = 'a trusted certificate for another host name'; Name = 'otherName' }
    ) {
        $refusal = $result.$Name
        $refusal.id | Should -BeLike 'HyprTlsFailed,*'
        $refusal.category | Should -Be 'SecurityError'
        $refusal.message | Should -BeLike '*certificate of 127.0.0.1 was not trusted*'
        $refusal.verbose | Should -Not -Match 'retry'
    }

    It 'the emulator wrote its CA certificate and no private key' {
        foreach ($pem in Get-ChildItem -LiteralPath $folder -Filter '*.pem') {
            $text = Get-Content -Raw -LiteralPath $pem.FullName
            $text | Should -Match '-----BEGIN CERTIFICATE-----'
            $text | Should -Not -Match 'PRIVATE KEY'
        }
    }
}

Describe 'Nothing turns certificate validation off' {
    BeforeAll {
        Import-Module (Get-HyprModuleManifest) -Force
        $script:moduleFolder = Split-Path (Get-HyprModuleManifest)
        $script:assemblies = Get-ChildItem -LiteralPath $moduleFolder -Recurse -Filter 'HyprAuth*.dll'
    }

    It 'no parameter of any cmdlet could skip, ignore or relax it' {
        $parameters = (Get-Command -Module HyprAuth).Parameters.Keys | Sort-Object -Unique
        $parameters.Count | Should -BeGreaterThan 20
        $parameters | Where-Object { $_ -match 'Skip|Insecure|Ignore|Untrusted|Validat|NoVerify|TrustAll|Certificate(Check|Policy)' } |
            Should -BeNullOrEmpty
    }

    It 'no environment variable the module reads could, and no assembly hooks certificate validation' {
        $assemblies.Count | Should -BeGreaterOrEqual 2
        $variables = foreach ($assembly in $assemblies) {
            $text = [System.Text.Encoding]::Unicode.GetString([System.IO.File]::ReadAllBytes($assembly.FullName))
            [regex]::Matches($text, '\bHYPR[A-Z0-9]*_[A-Z0-9_]+\b').Value
        }
        $variables | Should -Contain 'HYPRAUTH_TOKEN_CACHE_PATH' -Because 'the scan finds the variables the module reads'
        $variables | Where-Object { $_ -match 'SKIP|INSECURE|IGNORE|VERIFY|VALIDAT|TLS|SSL|CERT' } | Should -BeNullOrEmpty
        foreach ($assembly in $assemblies) {
            $bytes = [System.IO.File]::ReadAllBytes($assembly.FullName)
            $text = [System.Text.Encoding]::UTF8.GetString($bytes) + [System.Text.Encoding]::Unicode.GetString($bytes)
            $hooks = 'ServerCertificateCustomValidationCallback|DangerousAcceptAnyServerCertificateValidator|' +
                'RemoteCertificateValidationCallback|ServerCertificateValidationCallback'
            $text | Should -Not -Match $hooks -Because "$($assembly.Name) must not hook validation"
        }
    }
}
