<#
.SYNOPSIS
    Where the time of a cold scheduled-task run goes: the steps of HyprAuth-Flow.ps1, HandWritten-Flow.ps1 or
    Minimal-Flow.ps1 (the floor: a ready token from HYPR_BENCH_ACCESS_TOKEN, one Invoke-RestMethod), or the same work
    done with .NET directly from the script (Primitives: ECDsa, then HttpClient with the ready token), each timed, then
    each step once more (warm) to separate first-use costs (JIT, type loading, first connection) from the work itself.
    Run in a fresh PowerShell by Invoke-Benchmarks.ps1; prints one JSON line, then the UTC ticks at its end.
.DESCRIPTION
    BENCH_LAUNCH_TICKS (UTC ticks, set by the parent just before it started this process) gives the start-up share.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('HyprAuth', 'HandWritten', 'Minimal', 'Primitives')] [string] $Flow,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $TenantUri,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $KeyPath
)
$scriptStart = [DateTime]::UtcNow.Ticks
# Methods PowerShell JIT-compiled to start and reach this line: a start-up count that load does not disturb.
$jittedAtStart = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$ErrorActionPreference = 'Stop'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$marks = [System.Collections.Generic.List[object]]::new()
# Beside the time, counts that load on a shared machine does not disturb: methods the JIT compiled (ReadyToRun code
# and methods already compiled are not counted), the JIT's own time, and assemblies loaded.
function Step([string] $Name, [scriptblock] $Work) {
    $begin = $watch.Elapsed.TotalMilliseconds
    $jitted = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $jitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)
    $assemblies = [AppDomain]::CurrentDomain.GetAssemblies().Count
    . $Work
    $marks.Add([pscustomobject]@{
            step       = $Name
            ms         = $watch.Elapsed.TotalMilliseconds - $begin
            jitted     = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitted
            jitMs      = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime).TotalMilliseconds
            assemblies = [AppDomain]::CurrentDomain.GetAssemblies().Count - $assemblies
        })
}
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$workingSetStart = $process.WorkingSet64
$apiUri = "$TenantUri/rp/api/bulk/HYPRDefaultApplication/introspect"

if ($Flow -eq 'HyprAuth') {
    Step 'Import-Module HyprAuth' { Import-Module $ModuleManifest }
    Step 'New-HyprClientAssertion (first: key import, sign)' { $null = New-HyprClientAssertion -ClientId $ClientId -KeyPath $KeyPath }
    Step 'Connect-Hypr (first exchange; key import and signing code already used once)' { Connect-Hypr -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath }
    Step 'Invoke-HyprApi (first)' { $null = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect }
    Step 'Get-HyprAccessToken -Force (warm: key import, sign, exchange)' { $null = Get-HyprAccessToken -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath -Force }
    Step 'Invoke-HyprApi (warm)' { $null = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect }
}
elseif ($Flow -eq 'Primitives') {
    # HyprAuth's work done with .NET directly from the script, no cmdlet and no module: what the platform charges for
    # its first ECDsa key import and signature and its first HttpClient call (plus PowerShell's binding of those .NET
    # calls). The token is ready, as the floor's is, so the exchange's round trip is not in it.
    Step 'ECDsa key import + signature (first)' {
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
        $bytesRead = 0
        $ecdsa.ImportPkcs8PrivateKey([Convert]::FromBase64String([System.IO.File]::ReadAllText($KeyPath).Trim()), [ref] $bytesRead)
        $null = $ecdsa.SignData([byte[]](1..100), [System.Security.Cryptography.HashAlgorithmName]::SHA256)
        $ecdsa.Dispose()
    }
    Step 'HttpClient GET with a ready token (first)' {
        $script:client = [System.Net.Http.HttpClient]::new()
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $apiUri)
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $env:HYPR_BENCH_ACCESS_TOKEN)
        $response = $script:client.SendAsync($request).GetAwaiter().GetResult()
        $null = $response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult()
    }
}
elseif ($Flow -eq 'Minimal') {
    $headers = @{ Authorization = "Bearer $env:HYPR_BENCH_ACCESS_TOKEN" }
    Step 'Invoke-RestMethod API call with a ready token (first)' { $null = Invoke-RestMethod -Uri $apiUri -Headers $headers }
    Step 'Invoke-RestMethod API call with a ready token (warm)' { $null = Invoke-RestMethod -Uri $apiUri -Headers $headers }
}
else {
    function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    function New-Assertion {
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
        $bytesRead = 0
        $ecdsa.ImportPkcs8PrivateKey([Convert]::FromBase64String((Get-Content -LiteralPath $KeyPath -Raw).Trim()), [ref] $bytesRead)
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $header = [ordered]@{ alg = 'ES256'; typ = 'JWT'; kid = [guid]::NewGuid().ToString() } | ConvertTo-Json -Compress
        $claims = [ordered]@{ iss = 'https://hypr.com'; sub = $ClientId; aud = 'https://hypr.com'; jti = [guid]::NewGuid().ToString(); exp = $now + 300; iat = $now; nbf = $now } | ConvertTo-Json -Compress
        $signingInput = (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($header))) + '.' + (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($claims)))
        $signature = $ecdsa.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [Security.Cryptography.HashAlgorithmName]::SHA256)
        $ecdsa.Dispose()
        $signingInput + '.' + (ConvertTo-Base64Url $signature)
    }
    function Get-Token([string] $Assertion) {
        Invoke-RestMethod -Method Post -Uri "$TenantUri/rp/token/endpoint/exchange/clientcredentials" -Body @{
            grant_type = 'authorization_code'; client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'; client_assertion = $Assertion
        }
    }
    Step 'key import + JWT + ES256 signature (first)' { $script:assertion = New-Assertion }
    Step 'Invoke-RestMethod exchange (first)' { $script:token = Get-Token $script:assertion }
    Step 'Invoke-RestMethod API call (first)' { $null = Invoke-RestMethod -Uri $apiUri -Headers @{ Authorization = "Bearer $($script:token.access_token)" } }
    Step 'key import + JWT + ES256 signature (warm)' { $script:assertion = New-Assertion }
    Step 'Invoke-RestMethod exchange (warm)' { $script:token = Get-Token $script:assertion }
    Step 'Invoke-RestMethod API call (warm)' { $null = Invoke-RestMethod -Uri $apiUri -Headers @{ Authorization = "Bearer $($script:token.access_token)" } }
}

$process.Refresh()
$launch = [long]($env:BENCH_LAUNCH_TICKS)
[pscustomobject]@{
    startupMs       = if ($launch) { ($scriptStart - $launch) / 10000.0 } else { $null }
    jittedAtStart   = $jittedAtStart
    steps           = $marks
    workingSetStart = $workingSetStart
    workingSetEnd   = $process.WorkingSet64
} | ConvertTo-Json -Compress -Depth 4
# Last, after the JSON (whose first use in a process costs time of its own): when the script's work ended.
[DateTime]::UtcNow.Ticks
