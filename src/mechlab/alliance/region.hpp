// Placeholder: filled in by the issue-7 work on alliance/region.
#pragma once
