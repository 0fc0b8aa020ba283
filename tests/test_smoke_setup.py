def test_the_home_page_names_the_current_event(client, event):
    response = client.get("/")
    assert response.status_code == 200
    assert "PyTorch Ecosystem Day 2021" in response.content.decode()
