# Load, small enough for the suite (bench/Invoke-LoadTest.ps1 is the full 16 x 625 = 10,000-call version): 16 runspaces
# calling Invoke-HyprApi at once from an empty cache make exactly one exchange and no errors; and a token that expires
# during the load is renewed once for all of them, not once per runspace, whichever way it expires:
# - by the server's clock: the emulator's clock jumps past the token's expiry between two phases of the load, so the API
#   answers 401 and the cache renews on the rejection (TokenCache decides by the local clock alone, so shifting the
#   emulator's clock does not make it renew by itself);
# - by the local clock: the token's own lifetime runs short (an 8-second expires_in, served for a real emulator token
#   through the fault control), so the cache renews it before handing it out, and the API never refuses anything.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:echoRoute = 'ANY /rp/api/echo'
    $script:runspaces = 16

    function Get-Total($Results, [string] $Name) { ($Results | Measure-Object -Property $Name -Sum).Sum }
    function Get-FirstError($Results) { @($Results | Where-Object First | ForEach-Object First) | Select-Object -First 1 }
}

AfterAll {
    Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = 0 } | Out-Null
    Stop-HyprEmulator $emulator
}

Describe 'Load: 16 runspaces from an empty cache' {
    It 'make 16 x 50 calls with inline credentials: no error, exactly one exchange' {
        $client = New-EmulatorClient $emulator @{}
        $calls = 50
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $barrier = [System.Threading.Barrier]::new($runspaces)
        try {
            $results = 1..$runspaces | ForEach-Object -ThrottleLimit $runspaces -Parallel {
                $gate = $using:barrier
                try { Import-Module $using:manifest -ErrorAction Stop } catch { $gate.RemoveParticipant(); throw }
                $released = $gate.SignalAndWait(60000)
                $client = $using:client
                $done = 0; $errors = 0; $first = $null
                for ($i = 0; $i -lt $using:calls; $i++) {
                    try {
                        $echo = Invoke-HyprApi -Path "/rp/api/echo/load/$_" -TenantUri $using:tenant -ClientId $client.clientId `
                            -ClientKey $client.clientKey -ErrorAction Stop
                        if ($echo.path -eq "/rp/api/echo/load/$_") { $done++ }
                    }
                    catch { $errors++; if (-not $first) { $first = "$($_.FullyQualifiedErrorId): $_" } }
                }
                [pscustomobject]@{ Released = $released; Done = $done; Errors = $errors; First = $first }
            }
        }
        finally { $barrier.Dispose() }

        @($results).Count | Should -Be $runspaces
        $results.Released | Should -Not -Contain $false
        Get-FirstError $results | Should -BeNullOrEmpty
        Get-Total $results Errors | Should -Be 0
        Get-Total $results Done | Should -Be ($runspaces * $calls)
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + $runspaces * $calls)
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 1
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 1
    }
}

Describe 'Load: a token that expires during the load is renewed once' {
    It 'by the server''s clock (401 from the API): 16 x (25 + 25) calls, one renewal' {
        # TTL 61 s: the cache hands it out for 30 s (half its life), ample for phase one; the clock then jumps 62 s.
        $client = New-EmulatorClient $emulator @{ tokenTtlSeconds = 61 }
        $calls = 25
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $barrier = [System.Threading.Barrier]::new($runspaces)
        try {
            $results = 1..$runspaces | ForEach-Object -ThrottleLimit $runspaces -Parallel {
                $gate = $using:barrier
                try { Import-Module $using:manifest -ErrorAction Stop } catch { $gate.RemoveParticipant(); throw }
                $client = $using:client
                $done = 0; $errors = 0; $first = $null
                $null = $gate.SignalAndWait(60000)
                $before = Get-HyprAccessToken -TenantUri $using:tenant -ClientId $client.clientId -ClientKey $client.clientKey
                Connect-Hypr -TenantUri $using:tenant -ClientId $client.clientId -ClientKey $client.clientKey
                foreach ($phase in 1, 2) {
                    for ($i = 0; $i -lt $using:calls; $i++) {
                        try {
                            $echo = Invoke-HyprApi -Path "/rp/api/echo/phase-$phase" -ErrorAction Stop
                            if ($echo.path -eq "/rp/api/echo/phase-$phase") { $done++ }
                        }
                        catch { $errors++; if (-not $first) { $first = "$($_.FullyQualifiedErrorId): $_" } }
                    }
                    if ($phase -eq 1) {
                        # Everyone has finished phase one; one runspace moves the emulator's clock; then everyone goes on at once.
                        $null = $gate.SignalAndWait(60000)
                        if ($_ -eq 1) {
                            Invoke-RestMethod -Method Post -Uri "$($using:tenant)/_emulator/clock" -ContentType 'application/json' `
                                -Body '{"offsetSeconds":62}' | Out-Null
                        }
                        $null = $gate.SignalAndWait(60000)
                    }
                }
                $after = Get-HyprAccessToken -TenantUri $using:tenant -ClientId $client.clientId -ClientKey $client.clientKey
                [pscustomobject]@{
                    Done = $done; Errors = $errors; First = $first
                    Before = [System.Net.NetworkCredential]::new('', $before.AccessToken).Password
                    After = [System.Net.NetworkCredential]::new('', $after.AccessToken).Password
                }
            }
        }
        finally {
            $barrier.Dispose()
            Invoke-EmulatorControl -Emulator $emulator -Route 'clock' -Body @{ offsetSeconds = 0 } | Out-Null
        }

        Get-FirstError $results | Should -BeNullOrEmpty
        Get-Total $results Errors | Should -Be 0
        Get-Total $results Done | Should -Be ($runspaces * $calls * 2)
        @($results.Before | Sort-Object -Unique).Count | Should -Be 1 -Because 'one token before'
        @($results.After | Sort-Object -Unique).Count | Should -Be 1 -Because 'one token after, shared by all'
        $results[0].After | Should -Not -Be $results[0].Before
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 2 -Because 'the first exchange and one renewal'
        Get-EmulatorCount $emulator exchangeAttempts $client.clientId | Should -Be 2
        # Each runspace's first call after the jump may meet the 401 (then it retries once with the renewed token).
        $echoes = (Get-EmulatorCount $emulator requests $echoRoute) - $before
        $echoes | Should -BeGreaterThan ($runspaces * $calls * 2)
        $echoes | Should -BeLessOrEqual ($runspaces * $calls * 2 + $runspaces)
    }

    It 'by the local clock (near expiry, before any 401): 16 x 50 calls, one renewal, and the API never refuses' {
        $client = New-EmulatorClient $emulator @{}
        # A real token of this client, got here by hand, then served to the module with a lifetime of 8 s.
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey
        $exchange = Invoke-RestMethod -Method Post -Uri "$tenant/rp/token/endpoint/exchange/clientcredentials" -Body @{
            grant_type = 'authorization_code'; client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'; client_assertion =
                $assertion.Jwt
        }
        $shortBody = @{
            token_type = 'Bearer'
            expires_in = 8
            access_token = $exchange.access_token
            scope = $exchange.scope
        } | ConvertTo-Json -Compress
        Add-EmulatorFault $emulator @{ route = 'token'; kind = 'status'; status = 200; body = $shortBody }
        $short = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        Get-TokenValue $short | Should -BeExactly $exchange.access_token
        ($short.ExpiresOn - $short.IssuedOn).TotalSeconds | Should -Be 8

        # The cache hands out an 8-second token with 4 s left at least: from IssuedOn + 4 s on, every caller needs a renewal.
        $renewFrom = $short.IssuedOn.AddSeconds(4.3)
        $calls = 50
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $barrier = [System.Threading.Barrier]::new($runspaces)
        try {
            $results = 1..$runspaces | ForEach-Object -ThrottleLimit $runspaces -Parallel {
                $gate = $using:barrier
                try { Import-Module $using:manifest -ErrorAction Stop } catch { $gate.RemoveParticipant(); throw }
                $token = $using:short
                $null = $gate.SignalAndWait(60000)
                $wait = ($using:renewFrom) - [DateTimeOffset]::UtcNow
                if ($wait -gt [TimeSpan]::Zero) { Start-Sleep -Milliseconds ([int]$wait.TotalMilliseconds) }
                $done = 0; $errors = 0; $first = $null
                for ($i = 0; $i -lt $using:calls; $i++) {
                    try {
                        $echo = Invoke-HyprApi -Path "/rp/api/echo/near-expiry/$_" -AccessToken $token -ErrorAction Stop
                        if ($echo.path -eq "/rp/api/echo/near-expiry/$_") { $done++ }
                    }
                    catch { $errors++; if (-not $first) { $first = "$($_.FullyQualifiedErrorId): $_" } }
                }
                [pscustomobject]@{ Done = $done; Errors = $errors; First = $first }
            }
        }
        finally { $barrier.Dispose() }

        Get-FirstError $results | Should -BeNullOrEmpty
        Get-Total $results Errors | Should -Be 0
        Get-Total $results Done | Should -Be ($runspaces * $calls)
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + $runspaces * $calls) -Because 'no call was refused and retried'
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 2 -Because 'the exchange by hand and one renewal'
        $renewed = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $renewed.FromCache | Should -BeTrue
        Get-TokenValue $renewed | Should -Not -Be $exchange.access_token
        ($renewed.ExpiresOn - $renewed.IssuedOn).TotalSeconds | Should -Be 3600
    }
}
