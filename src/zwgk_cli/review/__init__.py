"""The review chain as 区政务办 runs it: where each domain stands, its scores, and the documents
that go back to the departments (the dashboard, the 审查意见书, 先审后发 in the build)."""
